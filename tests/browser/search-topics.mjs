// The search's topics in a real browser (issue 19), on a built default site:
// - a need typed without a place finds that topic's services, grouped by region, from the
//   topic index and the topic's file, without loading any region's shard;
// - the misspelling "nachtopvnag" finds the night shelters;
// - a query that finds nothing keeps the topics, the municipalities and the national lines;
// - without JavaScript the search page starts with the topics as links, and every topic has
//   a page in every language that lists its national lines and links each region that has
//   its services to that region's page of the topic (`/<lang>/onderwerp/<slug>/<region>/`),
//   which lists all of them by municipality, with language alternates, in the sitemap.
//
//   node search-topics.mjs <built-site-folder>
//
// Prints one line per check and "N passed, M failed"; exits 1 on failure.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const siteDir = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const server = await serve(siteDir);
const origin = server.origin;
let passed = 0, failed = 0;
async function check(name, fn) {
  try {
    const detail = await fn();
    passed++;
    console.log(`ok   ${name}${detail ? ` — ${detail}` : ''}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}
function assert(ok, msg) { if (!ok) throw new Error(msg); }
const languages = fs.readdirSync(siteDir).filter((d) => fs.existsSync(path.join(siteDir, d, 'zoeken', 'onderwerpen.json')));
const topicsOf = (lang) => JSON.parse(fs.readFileSync(path.join(siteDir, lang, 'zoeken', 'onderwerpen.json'), 'utf8')).t;
const topicFile = (lang, slug) => JSON.parse(fs.readFileSync(path.join(siteDir, lang, 'zoeken', 'onderwerp', `${slug}.json`), 'utf8'));

async function searchFor(lang, q) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  const loaded = [];
  page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/${lang}/zoeken/`);
  await page.locator('#q').fill(q);
  await page.waitForFunction(() => document.getElementById('search-status').textContent.length > 0, null, { timeout: 15000 });
  const r = await page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    hrefs: [...document.querySelectorAll('#search-results a.card-title')].map((a) => a.getAttribute('href')),
    headings: [...document.querySelectorAll('#search-results h2')].map((h) => h.textContent),
    browseHidden: document.getElementById('browse').hidden,
    browseTopics: document.querySelectorAll('#browse ul.topics a').length,
    browseMunicipalities: document.querySelectorAll('#browse ul.az a').length,
    browseText: document.getElementById('browse').textContent,
    near: document.querySelector('form.search').getAttribute('data-near'),
    more: [...document.querySelectorAll('#search-results p a')].map((a) => a.getAttribute('href')),
    // Card titles in the order shown, each with whether a region's heading is above it.
    order: (() => { let grouped = false; return [...document.querySelectorAll('#search-results > *')].flatMap((e) => {
      if (e.tagName === 'H2') grouped = true;
      return e.tagName === 'UL' ? [...e.querySelectorAll('a.card-title')].map((a) => ({ t: a.textContent, grouped })) : [];
    }); })(),
    none: document.querySelector('form.search').getAttribute('data-none'),
  }));
  await ctx.close();
  return { ...r, loaded };
}

try {
  // Topic queries without a place (the issue's list), each with the topic it should find.
  for (const [q, slug] of [
    ['nachtopvang', 'nachtopvang'], ['slaapplek', 'nachtopvang'], ['schulden', 'schulden'],
    ['huurachterstand', 'huurachterstand'], ['postadres', 'postadres'], ['uitkering', 'uitkering'],
    ['Housing First', 'wonen'], ['Wonen Eerst', 'wonen'], ['jongeren', 'jongeren'], ['gezin', 'gezin'],
    ['daklozenopvang', 'opvang'],
  ]) {
    if (!languages.includes('nl')) break;
    await check(`"${q}" without a place finds the services of topic ${slug} from every region, without a shard`, async () => {
      const groups = topicFile('nl', slug);
      const inTopic = new Set(groups.flatMap((g) => g.s.map((s) => s.u)));
      const regions = groups.filter((g) => g.r).length;
      const r = await searchFor('nl', q);
      const hits = r.hrefs.filter((h) => inTopic.has(h));
      assert(hits.length >= Math.min(inTopic.size, 3), `${hits.length} of ${r.hrefs.length} results are in the topic (of ${inTopic.size}): ${r.hrefs.slice(0, 5).join(' ')}`);
      const shards = r.loaded.filter((p) => p.includes('/zoeken/regio/'));
      assert(shards.length === 0, `loaded ${shards.join(', ')}`);
      assert(r.loaded.includes(`/nl/zoeken/onderwerp/${slug}.json`), `the topic file was not loaded: ${r.loaded.filter((p) => p.endsWith('.json')).join(' ')}`);
      const shownRegions = new Set(groups.filter((g) => g.r && g.s.some((s) => r.hrefs.includes(s.u))).map((g) => g.r));
      assert(shownRegions.size === regions, `services from ${shownRegions.size} of the topic's ${regions} regions shown`);
      assert(r.status.includes(r.near), `the status "${r.status}" does not ask for a place`);
      const missing = r.more.filter((u) => !fs.existsSync(path.join(siteDir, u.split('#')[0], 'index.html')));
      assert(missing.length === 0, `links to pages that do not exist: ${missing.join(' ')}`);
      return `${hits.length} services from ${shownRegions.size} region(s); headings: ${r.headings.join(' | ') || '(one list)'}`;
    });
  }
  for (const q of ['nachtopvang', 'schulden', 'winterregeling', 'jongeren', 'opvang']) {
    await check(`"${q}": the services with the word in their name come first, before the regions' groups`, async () => {
      const r = await searchFor('nl', q);
      const named = r.order.filter((c) => c.t.toLowerCase().split(/[^a-zà-ÿ]+/).includes(q));
      assert(named.length > 0, `no result has "${q}" in its name`);
      const late = named.filter((c) => c.grouped);
      assert(late.length === 0, `below a region's heading: ${late.map((c) => c.t).join('; ')}`);
      return `${named.length} named first of ${r.order.length}`;
    });
  }
  // Place names in Cyrillic or Arabic script: found as if typed in Dutch spelling.
  for (const [lang, q, region, place] of [
    ['uk', 'Дордрехт', 'drechtsteden', 'dordrecht'], ['uk', 'нічліг Гронінген', 'provincie-groningen', 'groningen'],
    ['uk', 'борги Зволле', 'ijssel-vecht', 'zwolle'], ['ar', 'دوردريخت', 'drechtsteden', 'dordrecht'],
    ['ar', 'مبيت خرونينجن', 'provincie-groningen', 'groningen'], ['ar', 'ديون زفوله', 'ijssel-vecht', 'zwolle'],
  ]) {
    if (!languages.includes(lang)) continue;
    await check(`${lang} "${q}": the place in another script is ${place}`, async () => {
      const r = await searchFor(lang, q);
      const shards = r.loaded.filter((p) => p.includes('/zoeken/regio/'));
      assert(shards.includes(`/${lang}/zoeken/regio/${region}.json`), `shards loaded: ${shards.join(' ') || 'none'}`);
      const top = r.hrefs.slice(0, 2);
      assert(top.length === 2 && top.every((h) => h.includes(place) || h.includes(`/${region}/`)), `first two: ${top.join(' ')}`);
      return `${shards.length} shard(s); first: ${top[0]}`;
    });
  }
  await check('"nachtopvnag" (a typo) finds the night shelters', async () => {
    const r = await searchFor('nl', 'nachtopvnag');
    const shelters = topicFile('nl', 'nachtopvang').flatMap((g) => g.s.filter((s) => /nachtopvang/i.test(s.t)).map((s) => s.u));
    const found = shelters.filter((u) => r.hrefs.slice(0, 5).includes(u));
    assert(shelters.length > 0 && found.length === Math.min(shelters.length, 5), `${found.length} of ${shelters.length} night shelters in the first five: ${r.hrefs.slice(0, 5).join(' ')}`);
    return `${found.length} night shelters in the first five`;
  });
  await check('a query that finds nothing keeps the topics, the municipalities and the national lines', async () => {
    const r = await searchFor('nl', 'xqzwvk');
    assert(r.hrefs.length === 0, `found ${r.hrefs.length}`);
    assert(r.status.startsWith(r.none), `status "${r.status}"`);
    assert(!r.browseHidden, 'the lists are hidden');
    assert(r.browseTopics >= 10 && r.browseMunicipalities >= 10, `${r.browseTopics} topics, ${r.browseMunicipalities} municipalities shown`);
    assert(/112|113|Veilig Thuis/.test(r.browseText), 'no national line shown');
    return `${r.browseTopics} topics and ${r.browseMunicipalities} municipalities stay visible`;
  });
  // Without JavaScript: the topics first, every topic page there and listing services.
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  for (const lang of languages) {
    await check(`${lang}: without JavaScript the search page starts with the topics, and every topic page lists services`, async () => {
      await page.goto(`${origin}/${lang}/zoeken/`);
      const order = await page.evaluate(() => {
        const main = document.querySelector('main');
        const visible = [...main.querySelectorAll('h2, p, ul')].filter((e) => e.offsetParent !== null);
        return { first: visible.slice(0, 3).map((e) => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')), topicLinks: [...main.querySelectorAll('ul.topics a')].map((a) => a.getAttribute('href')) };
      });
      assert(order.first.includes('H2#topics') && order.first.some((x) => x.includes('topics')), `the page starts with ${order.first.join(', ')}`);
      const want = topicsOf(lang).map((t) => t.u);
      assert(want.length && want.every((u) => order.topicLinks.includes(u)), `topic links ${order.topicLinks.length}, topics ${want.length}`);
      let services = 0, regionPages = 0;
      for (const u of want) {
        const res = await page.goto(origin + u);
        assert(res.status() === 200, `${u}: status ${res.status()}`);
        const groups = topicFile(lang, u.split('/').filter(Boolean).pop());
        const national = groups.find((g) => !g.r);
        const onTopic = await page.evaluate((u) => ({
          cards: [...document.querySelectorAll('main ul.cards a.card-title')].map((a) => a.getAttribute('href')),
          regions: [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')).filter((h) => h.startsWith(u) && h !== u),
        }), u);
        if (national) assert(national.s.every((s) => onTopic.cards.includes(s.u)), `${u}: national lines missing (${onTopic.cards.length} cards)`);
        const wantRegions = groups.filter((g) => g.r);
        assert(groups.length === 0 || onTopic.cards.length + onTopic.regions.length > 0, `${u}: no services and no regions`);
        assert(wantRegions.every((g) => onTopic.regions.includes(`${u}${g.r}/`)) && onTopic.regions.length === wantRegions.length,
          `${u}: links ${onTopic.regions.join(' ')}, regions with services ${wantRegions.map((g) => g.r).join(' ')}`);
        services += onTopic.cards.length;
        for (const g of wantRegions) {
          const ru = `${u}${g.r}/`;
          const rr = await page.goto(origin + ru);
          assert(rr.status() === 200, `${ru}: status ${rr.status()}`);
          const on = await page.evaluate(() => ({
            cards: [...document.querySelectorAll('main section ul.cards a.card-title')].map((a) => a.getAttribute('href')),
            headings: document.querySelectorAll('main section h2 a').length,
            alternates: [...document.querySelectorAll('link[rel=alternate][hreflang]')].map((l) => l.getAttribute('hreflang')),
          }));
          assert(on.cards.length === g.c, `${ru}: ${on.cards.length} services, the topic file says ${g.c}`);
          assert(g.s.every((s) => on.cards.includes(s.u)), `${ru}: misses services of the topic file`);
          assert(on.headings > 0, `${ru}: no municipality or region headings`);
          assert(languages.every((l) => on.alternates.includes(l)), `${ru}: alternates ${on.alternates.join(' ')}`);
          for (const href of on.cards) {
            if (!fs.existsSync(path.join(siteDir, href, 'index.html'))) throw new Error(`${ru}: ${href} does not exist`);
          }
          services += on.cards.length;
          regionPages++;
        }
      }
      return `${want.length} topic pages, ${regionPages} region pages, ${services} service cards`;
    });
  }
  await ctx.close();
  await check('the topic pages and their region pages are in the sitemap', async () => {
    const xml = fs.readdirSync(siteDir).filter((f) => /^sitemap(-\d+)?\.xml$/.test(f)).map((f) => fs.readFileSync(path.join(siteDir, f), 'utf8')).join('\n');
    const missing = languages.flatMap((l) => topicsOf(l).flatMap((t) => [t.u, ...topicFile(l, t.s).filter((g) => g.r).map((g) => `${t.u}${g.r}/`)]))
      .filter((u) => !xml.includes(`${u}</loc>`));
    assert(missing.length === 0, `not in the sitemap: ${missing.slice(0, 3).join(' ')}`);
    return 'all listed';
  });
} finally {
  await server.close();
  await browser.close();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
