// Issue 20 in a real browser, on the built default site: the flow asks the place early and
// uses every answer; a first visit keeps only a lean offline set (its transfer measured);
// tap targets of at least 44 × 44 CSS px on one page of every kind. Run by run.sh:
//
//   node issue20.mjs <built-site-folder>
//
// Prints one line per test and "N passed, M failed"; exits 1 on failure.
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const [siteDir] = process.argv.slice(2);
const LEAN_LIMIT = 60 * 1024; // transferred, first visit
const STORED_LIMIT = 300 * 1024; // kept on the phone, one municipality, everything saved
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
// Compressed as a deployed site is (deploy/nginx.conf: gzip_static on the --precompress
// files); every response's bytes on the wire are noted with the request.
const sent = [];
// A service worker's own fetch() has no destination (Sec-Fetch-Dest: empty); the page's
// document, styles, scripts and icon have one. So the saves are told from the page's load.
const server = await serve(siteDir, { gzip: true, onSent: (s) => sent.push({ url: s.req.url, bytes: s.bytes, save: s.req.headers['sec-fetch-dest'] === 'empty' }) });
const origin = server.origin;
let passed = 0, failed = 0;
async function test(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`ok   ${name}${detail ? `\n     ${String(detail).split('\n').join('\n     ')}` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(e && e.message || e).split('\n').join('\n     ')}`);
  }
}
function assert(c, m) { if (!c) throw new Error(m); }
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
await ctx.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort()));
const page = await ctx.newPage();

// ---------------------------------------------------------------- the flow
// Fetches and parses pages inside the browser: the crawl below reads about 1,200 pages.
async function crawl(starts) {
  return page.evaluate(async (starts) => {
    const parse = async (u) => new DOMParser().parseFromString(await (await fetch(u)).text(), 'text/html');
    // Per question step (its path without the municipality): per option, the results.
    const steps = {};
    const stepKey = (u) => new URL(u, location.origin).pathname.replace(/^\/([^/]+)\/[^/]+\/waar-kan-ik-terecht\//, '/$1/*/waar-kan-ik-terecht/');
    async function walk(u, muni) {
      const doc = await parse(u);
      const options = [...doc.querySelectorAll('ul.options a.option')];
      if (!options.length) {
        // What the reader is shown: the answer's title and advice, and the services listed.
        const h1 = doc.querySelector('main h1')?.textContent.trim();
        const advice = doc.querySelector('main .advice')?.textContent.trim() || '';
        const cards = [...doc.querySelectorAll('main a.card-title')].map((a) => a.getAttribute('href')).sort();
        return [`${muni}|${h1}|${advice.length}|${cards.join(',')}`];
      }
      const key = stepKey(u);
      const step = steps[key] || (steps[key] = { question: doc.querySelector('main h1').textContent.trim(), options: {} });
      const all = [];
      for (const o of options) {
        const results = await walk(o.href, muni);
        const label = o.textContent.trim();
        (step.options[label] || (step.options[label] = [])).push(...results);
        all.push(...results);
      }
      return all;
    }
    for (const [muni, start] of starts) await walk(start, muni);
    return steps;
  }, starts);
}

let picker = null, places = [];
await test('flow: from the home page the place is asked before the situation', async () => {
  await page.goto(`${origin}/nl/`);
  await page.locator('main a.button.primary').first().click();
  const asked = [];
  for (let i = 0; i < 6 && !(await page.locator('[data-picker]').count()); i++) {
    asked.push((await page.locator('main h1').textContent()).trim());
    // The last option is the one that goes on ("Nee"); the others are danger answers.
    await page.locator('ul.options a.option').last().click();
  }
  assert(await page.locator('[data-picker]').count(), `no place picker after ${asked.join(' → ')}`);
  picker = new URL(page.url()).pathname;
  places = await page.locator('[data-picker] section.letter a').evaluateAll((as) => as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
  assert(places.length > 0, `${picker}: no municipalities`);
  // The flow without a place has no other question: its every path ends at an answer or here.
  const unplaced = await crawl([['-', `${origin}/nl/waar-kan-ik-terecht/`]]);
  const questions = Object.values(unplaced).map((s) => s.question);
  assert(questions.length <= 2, `questions asked without a place: ${questions.join(', ')}`);
  // After the place: the rest of the flow, with the situation question (the one with the
  // most options) in it.
  await page.locator('[data-picker] section.letter a').first().click();
  const after = await crawl([['first', page.url()]]);
  const situation = Object.values(after).sort((a, b) => Object.keys(b.options).length - Object.keys(a.options).length)[0];
  assert(!questions.includes(situation.question), `"${situation.question}" is asked before the place`);
  return `${asked.join(' → ')} → place (${picker}, ${places.length} municipalities) → … → "${situation.question}"`;
});

await test('flow: the place picker works without a script, and filters with one', async () => {
  assert(picker, 'no picker found');
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const p = await noJs.newPage();
  await p.goto(origin + picker);
  assert(!(await p.locator('[data-picker] .filter').isVisible()), 'the type-ahead box shows without a script');
  const letters = await p.locator('.letters a').count();
  await p.locator('.letters a').last().click();
  const target = new URL(p.url()).hash;
  assert(target && await p.locator(`${target} + ul a`).count(), `letter link to ${target} leads nowhere`);
  await p.locator(`${target} + ul a`).first().click();
  assert(await p.locator('ul.options a.option').count(), `${p.url()}: not a question after choosing a place`);
  await noJs.close();
  await page.goto(origin + picker);
  const [name] = places[Math.floor(places.length / 2)];
  await page.locator('#place-filter').fill(name.slice(0, 4));
  const shown = await page.locator('[data-picker] section.letter li:visible').count();
  const hasIt = await page.locator('[data-picker] section.letter li:visible a', { hasText: name }).count();
  assert(hasIt === 1 && shown < places.length, `typing "${name.slice(0, 4)}" shows ${shown} of ${places.length}, ${name} ${hasIt ? '' : 'not '}among them`);
  await page.locator('#place-filter').fill('zzzzqqq');
  assert(await page.locator('[data-picker] .none').isVisible(), 'no "nothing found" note');
  return `no script: ${letters} letter links, one leads to its group and on to the flow; "${name.slice(0, 4)}" shows ${shown} of ${places.length}`;
});

await test("flow: each question's answers lead to different results", async () => {
  assert(places.length, 'no municipalities from the picker');
  // Each municipality's whole flow, from its first question (the picker links to its third).
  const starts = places.map(([n, href]) => [n, origin + href.replace(/(\/waar-kan-ik-terecht\/).*$/, '$1')]);
  const steps = await crawl(starts);
  const same = [];
  let pairs = 0;
  for (const [key, s] of Object.entries(steps)) {
    const labels = Object.keys(s.options);
    const sets = labels.map((l) => [...new Set(s.options[l])].sort().join('\n'));
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
      pairs++;
      if (sets[i] === sets[j]) same.push(`"${s.question}" (${key}): "${labels[i]}" and "${labels[j]}" show the same in all ${starts.length} municipalities`);
    }
  }
  assert(same.length === 0, `questions with answers that have no effect:\n${[...new Set(same)].join('\n')}`);
  return `${Object.keys(steps).length} question steps, ${pairs} option pairs, in ${starts.length} municipalities: every pair differs somewhere`;
});

// ---------------------------------------------------------------- offline
// The municipality whose full offline set is largest (raw bytes on disk), in any language.
async function largest() {
  const fs = await import('node:fs');
  const path = await import('node:path');
  let best = null;
  for (const lang of fs.readdirSync(siteDir)) {
    const dir = path.join(siteDir, lang);
    if (!/^[a-z]{2,3}$/.test(lang) || !fs.statSync(dir).isDirectory()) continue;
    for (const m of fs.readdirSync(dir)) {
      const f = path.join(dir, m, 'offline.json');
      if (!fs.existsSync(f)) continue;
      const { urls } = JSON.parse(fs.readFileSync(f, 'utf8'));
      const bytes = urls.reduce((n, u) => n + fs.statSync(path.join(siteDir, u.endsWith('/') ? `${u}index.html` : u)).size, 0);
      if (!best || bytes > best.bytes) best = { page: `/${lang}/${m}/`, bytes };
    }
  }
  return best;
}

await test('offline: a first visit keeps the lean set (measured), the rest only when asked', async () => {
  const big = await largest();
  const oc = await browser.newContext({ viewport: { width: 360, height: 640 } });
  await oc.route('**/*', (r) => (r.request().url().startsWith(origin) ? r.continue() : r.abort()));
  const op = await oc.newPage();
  const stored = () => op.evaluate(async () => {
    let bytes = 0, count = 0;
    for (const n of await caches.keys()) {
      const c = await caches.open(n);
      for (const r of await c.keys()) { count++; bytes += (await (await c.match(r)).blob()).size; }
    }
    const est = await navigator.storage.estimate();
    return { bytes, count, usage: est.usage };
  });
  try {
    const first = sent.length;
    await op.goto(origin + big.page, { waitUntil: 'load' });
    const lean = op.locator('.save-offline [role=status].lean');
    await lean.filter({ hasText: /\d/ }).waitFor({ timeout: 30000 });
    const leanText = (await lean.textContent()).trim();
    const manifest = await (await op.request.get(`${origin}${big.page}offline.json`)).json();
    const saves = sent.slice(first).filter((s) => s.save);
    const fetched = new Set(saves.map((s) => s.url));
    const leanBytes = saves.reduce((n, s) => n + s.bytes, 0);
    const extra = [...fetched].filter((u) => !manifest.lean.includes(u) && !u.endsWith('offline.json'));
    assert(extra.length === 0, `the first visit saved pages outside the lean set: ${extra.slice(0, 5).join(', ')}`);
    assert(manifest.lean.every((u) => fetched.has(u)), `lean URLs not fetched: ${manifest.lean.filter((u) => !fetched.has(u)).join(', ')}`);
    const perUrl = saves.map((s) => `${s.bytes} ${s.url}`).join('\n');
    assert(leanBytes <= LEAN_LIMIT, `the lean set took ${kb(leanBytes)} on the wire (limit ${kb(LEAN_LIMIT)}):\n${perUrl}`);
    const afterLean = await stored();
    // A second visit does not fetch it again.
    const second = sent.length;
    await op.reload({ waitUntil: 'load' });
    await lean.filter({ hasText: /\d/ }).waitFor({ timeout: 30000 });
    // (The page itself comes through the service worker's fetch now: that is the visit.)
    const again = sent.slice(second).filter((s) => s.save && s.url !== big.page && !s.url.endsWith('offline.json'));
    assert(again.length === 0, `a second visit fetched ${again.length} pages for offline use again: ${again.map((s) => s.url).join(', ')}`);

    // Everything, when asked.
    const full = sent.length;
    const done = await op.locator('.save-offline button').getAttribute('data-done');
    await op.locator('.save-offline button').click();
    const fullStatus = op.locator('.save-offline [role=status].full');
    await fullStatus.filter({ hasText: done }).filter({ hasText: /\d/ }).waitFor({ timeout: 60000 });
    const fullText = (await fullStatus.textContent()).trim();
    const fullBytes = sent.slice(full).filter((s) => s.save).reduce((n, s) => n + s.bytes, 0);
    const afterFull = await stored();
    assert(afterFull.bytes <= STORED_LIMIT, `${big.page}: ${kb(afterFull.bytes)} stored after "save everything" (limit ${kb(STORED_LIMIT)})`);

    // Offline: a tonight answer (lean) and a service of the full set open, styled.
    await oc.setOffline(true);
    const tonight = manifest.lean.filter((u) => u.includes('/waar-kan-ik-terecht/')).sort((a, b) => b.length - a.length)[0];
    const service = manifest.urls.find((u) => !manifest.lean.includes(u) && !u.includes('/waar-kan-ik-terecht/') && u.split('/').length === 5);
    for (const u of [tonight, service].filter(Boolean)) {
      await op.goto(origin + u);
      assert(await op.locator('.saved-note').count() === 1, `${u}: offline, not served from the saved copy`);
      const bg = await op.locator('.exit-bar').evaluate((e) => getComputedStyle(e).position);
      assert(bg === 'sticky' || bg === 'fixed', `${u}: offline without its styles (exit bar position ${bg})`);
    }
    await oc.setOffline(false);
    return [
      `${big.page} (largest full set: ${manifest.urls.length} URLs, ${kb(big.bytes)} as files)`,
      `first visit: lean set ${manifest.lean.length} URLs, ${kb(leanBytes)} transferred (gzip, headers included); stored ${kb(afterLean.bytes)} in ${afterLean.count} entries (storage estimate ${kb(afterLean.usage)})`,
      `page says: "${leanText}"`,
      `second visit: nothing fetched again`,
      `"save everything": ${kb(fullBytes)} transferred; stored ${kb(afterFull.bytes)} in ${afterFull.count} entries (storage estimate ${kb(afterFull.usage)})`,
      `page says: "${fullText}"`,
      `offline: ${tonight} and ${service} open from the saved copies, styled`,
    ].join('\n');
  } finally { await oc.close(); }
});

// ---------------------------------------------------------------- tap targets
// Every link, button and summary in the body at least 44 × 44 CSS px (GOV.UK's size;
// WCAG 2.5.5 AAA). Exempt, as WCAG 2.5.8 allows: a link inside a sentence (its paragraph or
// list item has other text around it), whose size the line height sets.
await test('tap targets: every link and button is at least 44 × 44 px, on one page of every kind', async () => {
  const kinds = [];
  const add = (kind, p) => { if (p && !kinds.some((k) => k[1] === p)) kinds.push([kind, p]); };
  add('landing', '/'); add('404', '/404.html'); add('home', '/nl/');
  await page.goto(`${origin}/nl/`);
  const region = await page.locator('main section.region h3 a').first().getAttribute('href');
  const muni = await page.locator('main section.region ul.az a').first().getAttribute('href');
  add('region', region); add('changes', `${region}wat-is-er-veranderd/`); add('municipality', muni);
  await page.goto(origin + muni);
  const service = await page.locator('main a.card-title').first().getAttribute('href');
  add('municipality-flyer', await page.locator('main a.tap[href$="/flyer/"]').first().getAttribute('href'));
  add('service', service); add('service-flyer', `${service}flyer/`); add('national-service', '/nl/landelijk/veilig-thuis/');
  add('flow-question', `${muni}waar-kan-ik-terecht/`);
  add('flow-answer', `${muni}waar-kan-ik-terecht/nee/nee/nee/kinderen/`);
  add('flow-answer-danger', `${muni}waar-kan-ik-terecht/ja/`);
  add('flow-answer-no-place', '/nl/waar-kan-ik-terecht/ja/');
  add('flow-place', picker);
  add('explainers', '/nl/uitleg/');
  await page.goto(`${origin}/nl/uitleg/`);
  add('explainer', await page.locator('main a[href^="/nl/uitleg/"]').first().getAttribute('href'));
  add('search', '/nl/zoeken/'); add('offline', '/nl/offline/'); add('rtl-municipality', muni.replace(/^\/nl\//, '/ar/'));
  const bad = [], lines = [];
  for (const [kind, p] of kinds) {
    const r = await page.goto(origin + p);
    assert(r && r.status() < 500, `${p}: HTTP ${r && r.status()}`);
    await page.waitForTimeout(100);
    const found = await page.evaluate(() => {
      const out = [];
      for (const el of document.body.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select')) {
        const rects = el.getClientRects();
        if (!rects.length || getComputedStyle(el).visibility === 'hidden') continue;
        const r = el.getBoundingClientRect();
        if (r.right <= 0 || r.bottom <= 0 || r.width <= 1 || r.height <= 1) continue; // off screen (skip link)
        const block = el.closest('p, li, dd, dt, td, th, figcaption');
        const own = el.textContent.replace(/\s+/g, '');
        const around = block ? block.textContent.replace(/\s+/g, '').length - own.length : 0;
        const inline = getComputedStyle(el).display === 'inline' && around > 0;
        out.push({ t: (el.textContent.trim() || el.getAttribute('aria-label') || el.tagName).slice(0, 40), w: r.width, h: r.height, inline });
      }
      return out;
    });
    const small = found.filter((x) => !x.inline && (x.w < 44 - 0.5 || x.h < 44 - 0.5));
    const exempt = found.filter((x) => x.inline).length;
    for (const x of small) bad.push(`${kind} ${p}: "${x.t}" ${x.w.toFixed(0)}×${x.h.toFixed(0)}`);
    lines.push(`${kind} ${p}: ${found.length - exempt} targets ≥ 44×44${exempt ? `, ${exempt} inline in a sentence (exempt)` : ''}`);
  }
  assert(bad.length === 0, `${bad.length} targets under 44 × 44 px:\n${bad.join('\n')}`);
  return lines.join('\n');
});

await server.close();
await browser.close();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
