// The content editor in a real browser: `onderdak serve` on a copy of the default site,
// with Decap CMS at /admin/ and decap-server (started by serve) writing the files.
//
//   node cms.mjs <onderdak binary> <folder holding content/ and themes/>
//
// 1. Opens /admin/, logs in to the local backend, opens the Sociaal Wijkteam Dordrecht,
//    changes Tuesday's hours and the phone number through the form and publishes. Then:
//    the file on disk has the new values (and its comments, and nothing else changed; its
//    translations are untouched), `onderdak check` passes, and the served page shows the
//    new hours after the watcher rebuilt it.
// 2. Creates a new service through the form; the file it writes passes `check`, and no
//    empty translation files are written beside it.
// 3. Adds a source to a file of the source register through its form: the file stays a
//    list, every earlier source is written as it was (comments, quotes, blank lines), the
//    new one is below them, and the site passes `check`.
// The CMS must ask nothing of another host (no CDN). Prints "N passed, M failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import vm from 'node:vm';
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const [bin, siteSrc] = process.argv.slice(2);
if (!bin || !siteSrc) {
  console.error('usage: node cms.mjs <onderdak binary> <site folder>');
  process.exit(2);
}
const shots = process.env.SCREENSHOTS || null;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onderdak-cms-'));
const site = path.join(tmp, 'site');
fs.mkdirSync(site);
for (const d of ['content', 'themes']) fs.cpSync(path.join(siteSrc, d), path.join(site, d), { recursive: true });

const SERVICE = 'content/municipalities/dordrecht/sociaal-wijkteam-dordrecht.md';
const NEW_NAME = 'Proefdienst Editor Dordrecht';
const NEW_FILE = 'content/municipalities/dordrecht/proefdienst-editor-dordrecht.md';
const read = (rel) => fs.readFileSync(path.join(site, rel), 'utf8');
const REGISTER = 'content/sources/drechtsteden.yaml';
const registerBefore = read(REGISTER);
const NEW_SOURCE = 'proefbron-editor-dordrecht-2026';
const before = read(SERVICE);
const siblings = fs.readdirSync(path.join(site, 'content/municipalities/dordrecht'));
const translationsBefore = Object.fromEntries(
  siblings.filter((f) => f.startsWith('sociaal-wijkteam-dordrecht.') && f !== 'sociaal-wijkteam-dordrecht.md')
    .map((f) => [f, read(`content/municipalities/dordrecht/${f}`)]),
);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, f, ms = 30000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await f();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

let passed = 0;
let failed = 0;
function result(name, problems) {
  if (problems.length) {
    failed++;
    console.log(`FAIL ${name}: ${problems.join('; ')}`);
  } else {
    passed++;
    console.log(`ok   ${name}`);
  }
}
function check() {
  const r = spawnSync(bin, ['check', '--site', site, '--format', 'json'], { encoding: 'utf8' });
  let errors = [];
  try {
    errors = JSON.parse(r.stdout).filter((d) => d.severity === 'error');
  } catch (e) {
    errors = [{ message: `check printed no JSON: ${r.stdout.slice(0, 200)} ${r.stderr.slice(0, 200)}` }];
  }
  return { status: r.status, errors };
}

// --- 0. onderdak's script around Decap, without a browser --------------------------------
{
  const src = fs.readFileSync(new URL('../../src/cms/admin.js', import.meta.url), 'utf8');
  const window = { ONDERDAK_CMS: { locales: ['nl', 'en', 'ar'], defaultLocale: 'nl' } };
  window.CMS = { getBackend: () => null, registerBackend() {}, registerPreviewStyle() {}, init() {} };
  vm.runInNewContext(src, { window, URL });
  const { toCms, toDisk, keepComments, sameMeaning } = window.ONDERDAK_CMS_TEST;
  const problems = [];
  const eq = (a, b, what) => { if (a !== b) problems.push(`${what}: got ${JSON.stringify(a)}, want ${JSON.stringify(b)}`); };
  eq(toCms('content/national/x.md'), 'content/national/x.nl.md', 'original to Decap');
  eq(toCms('content/national/x.en.md'), 'content/national/x.en.md', 'translation unchanged');
  eq(toCms('content/regions/r/region.yaml'), 'content/regions/r/region.nl.yaml', 'yaml original');
  eq(toCms('content/a.b.md'), 'content/a.b.nl.md', 'a dot that is no language');
  eq(toDisk('content/national/x.nl.md'), 'content/national/x.md', 'Decap to disk');
  eq(toDisk('static/x.nl.md'), 'static/x.nl.md', 'outside content/ untouched');
  const old = '---\n# top\nname: A\ncontact:\n  # about the phone\n  phone: "112"  # checked\n# gone\nstay: x\n---\nBody\n';
  const neu = '---\nname: B\ncontact:\n  phone: "113"\n---\nBody\n';
  eq(keepComments(old, neu, false), '---\n# top\nname: B\ncontact:\n  # about the phone\n  # checked\n  phone: "113"\n# gone\n---\nBody\n', 'comments kept above their fields');
  const { listToMap, mapToList } = window.ONDERDAK_CMS_TEST;
  const list = '# register\n- id: a\n  title: A\n\n- id: b\n  title: B\n';
  eq(listToMap(list), 'sources:\n  # register\n  - id: a\n    title: A\n\n  - id: b\n    title: B\n', 'a register file in the form');
  eq(mapToList(listToMap(list)), list, 'and back');
  eq(toCms('content/sources/x.yaml'), 'content/sources/x.yaml', 'the register has no translations');
  eq(toCms('content/tree.yaml'), 'content/tree.yaml', 'nor the flow in the form');
  // Without js-yaml (the page loads it) nothing counts as unchanged: a file is written.
  if (sameMeaning('a: 1', 'a: 1', true)) problems.push('sameMeaning without js-yaml');
  result('admin.js: file names and comments (no browser)', problems);
}

const port = await freePort();
const cmsPort = await freePort();
const origin = `http://127.0.0.1:${port}`;
const serveLog = [];
const serve = spawn(bin, ['serve', '--site', site, '--port', String(port)], {
  env: { ...process.env, ONDERDAK_CMS_PORT: String(cmsPort) },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
serve.stdout.on('data', (d) => serveLog.push(String(d)));
serve.stderr.on('data', (d) => serveLog.push(String(d)));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const external = [];
const pageErrors = [];
try {
  await until('onderdak serve', async () => (await fetch(`${origin}/admin/`)).ok, 120000);
  await until('decap-server', async () => (await fetch(`http://127.0.0.1:${cmsPort}/api/v1`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}',
  })).ok);

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) external.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} ${r.url()}`); });

  // --- 1. Edit a service -------------------------------------------------------------
  await page.goto(`${origin}/admin/`);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByText('Diensten: Dordrecht', { exact: true }).first().waitFor();
  await page.goto(`${origin}/admin/#/collections/services-dordrecht/entries/sociaal-wijkteam-dordrecht`);
  // The Dutch pane is the first of the two; the other shows a translation.
  const pane = page.locator('[class*="ControlPaneContainer"]').first();
  const phone = pane.locator('label', { hasText: /^Telefoon/ }).first();
  await phone.waitFor({ timeout: 30000 });
  await page.locator(`#${await phone.getAttribute('for')}`).fill('14 078');
  const tuesday = pane.locator('label', { hasText: /^Dinsdag/ }).first();
  // The day is a list; its first item holds the first span of the day.
  const tuesdayInput = page.locator(`[id="${await tuesday.getAttribute('for')}"] input`).first();
  await tuesdayInput.fill('10:00-15:00');
  if (shots) await page.screenshot({ path: path.join(shots, 'cms-edit.png') });

  // The preview pane draws the entry with the site's own stylesheet.
  await page.getByTitle('Wissel voorvertoning').click();
  const css = await until('the preview', () => page.evaluate(() => {
    for (const f of document.querySelectorAll('iframe')) {
      const doc = f.contentDocument;
      const sheet = doc && [...doc.styleSheets].find((s) => s.href && new URL(s.href).pathname === '/static/site.css');
      if (sheet && sheet.cssRules.length && doc.body.textContent.includes('10:00-15:00')) return { rules: sheet.cssRules.length, font: getComputedStyle(doc.body).fontFamily };
    }
    return null;
  })).catch((e) => e);
  result('the preview uses the site\'s CSS and shows the edit', css instanceof Error ? [css.message] : []);
  if (shots) await page.screenshot({ path: path.join(shots, 'cms-preview.png') });
  await publish(page);
  await until('the file on disk', () => read(SERVICE).includes('10:00-15:00'));

  const after = read(SERVICE);
  const problems = [];
  const front = after.split('\n---\n')[0];
  if (!/\n {2}phone: ['"]?14 078['"]?\n/.test(front)) problems.push('no `phone: 14 078` under contact');
  if (!/\n {2}tue:\n {4}- ['"]?10:00-15:00['"]?\n|\n {2}tue: \[['"]?10:00-15:00['"]?\]/.test(front)) problems.push('tue is not [10:00-15:00]');
  if (!/\n {2}mon:\n {4}- ['"]?09:00-16:00['"]?\n|\n {2}mon: \[['"]?09:00-16:00['"]?\]/.test(front)) problems.push('mon changed');
  for (const comment of ['# Gezocht 2026-12-01: telefoonnummer van het Sociaal Wijkteam', '# Conflict: the two stored versions', '# Gezocht 2026-12-01: adressen van de wijkteams']) {
    if (!after.includes(comment)) problems.push(`lost the comment "${comment}"`);
  }
  const bodyBefore = before.slice(before.indexOf('\n---\n') + 5).trim();
  const bodyAfter = after.slice(after.indexOf('\n---\n') + 5).trim();
  if (bodyBefore !== bodyAfter) problems.push('the text below the front matter changed');
  for (const [f, text] of Object.entries(translationsBefore)) {
    if (read(`content/municipalities/dordrecht/${f}`) !== text) problems.push(`${f} was rewritten`);
  }
  if (fs.existsSync(path.join(site, 'content/municipalities/dordrecht/sociaal-wijkteam-dordrecht.nl.md'))) problems.push('wrote a .nl.md file');
  const c1 = check();
  if (c1.status !== 0 || c1.errors.length) problems.push(`check: exit ${c1.status}, ${c1.errors.map((e) => e.message).join(' | ')}`);
  result('edit a service through the form: phone and Tuesday hours on disk, comments kept, check passes', problems);

  // The watcher rebuilds; the served page shows the new hours.
  const served = await ctx.newPage();
  const hours = await until('the rebuilt page', async () => {
    await served.goto(`${origin}/nl/dordrecht/sociaal-wijkteam-dordrecht/`);
    const t = await served.evaluate(() => {
      const row = [...document.querySelectorAll('table.hours tr')].find((r) => r.querySelector('th')?.textContent.trim() === 'Dinsdag');
      return row ? row.querySelector('td').textContent.trim() : null;
    });
    return t === '10:00–15:00' ? t : null;
  }).catch((e) => e);
  const phoneShown = await served.evaluate(() => [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')));
  result('the served page shows the new hours and phone', [
    ...(hours instanceof Error ? [hours.message] : []),
    ...(phoneShown.includes('tel:14078') ? [] : [`no tel:14078 link (${phoneShown.join(', ')})`]),
  ]);
  if (shots) await served.screenshot({ path: path.join(shots, 'cms-served.png') });

  // --- 2. A new service ----------------------------------------------------------------
  await page.goto(`${origin}/admin/#/collections/services-dordrecht/new`);
  const name = pane.locator('label', { hasText: /^Naam/ }).first();
  await name.waitFor({ timeout: 30000 });
  await page.locator(`#${await name.getAttribute('for')}`).fill(NEW_NAME);
  await selectOption(page, pane, /^Soort/, 'help-desk');
  const checked = pane.locator('label', { hasText: /^Laatst gecontroleerd/ }).first();
  await page.locator(`#${await checked.getAttribute('for')}`).fill('2026-12-01');
  await page.keyboard.press('Escape');
  // Every file cites a source: one from the register, picked in the list.
  await pane.getByRole('button', { name: /^Voeg bronnen toe/ }).click();
  await selectOption(page, pane, /^Bron \(id/, 'drechtsteden-van-opvang-naar-wonen-2020');
  if (shots) await page.screenshot({ path: path.join(shots, 'cms-new.png') });
  await publish(page);
  const created = await until('the new file', () => fs.existsSync(path.join(site, NEW_FILE)) && read(NEW_FILE)).catch((e) => e);
  const p2 = [];
  if (created instanceof Error) p2.push(created.message);
  else {
    if (!created.includes(`name: ${NEW_NAME}`)) p2.push('no name in the file');
    if (!/\nkind: help-desk\n/.test(created)) p2.push('no kind: help-desk');
    if (!/\nlast_checked: ['"]?2026-12-01['"]?\n/.test(created)) p2.push(`last_checked not 2026-12-01:\n${created}`);
    if (!/\n {2}- id: drechtsteden-van-opvang-naar-wonen-2020\n/.test(created)) p2.push(`the source is not cited:\n${created}`);
    const extra = fs.readdirSync(path.join(site, 'content/municipalities/dordrecht')).filter((f) => f.startsWith('proefdienst-editor-dordrecht.') && f !== 'proefdienst-editor-dordrecht.md');
    if (extra.length) p2.push(`empty translations written: ${extra.join(', ')}`);
    const c2 = check();
    if (c2.status !== 0 || c2.errors.length) p2.push(`check: exit ${c2.status}, ${c2.errors.map((e) => e.message).join(' | ')}`);
  }
  result('create a service through the form: the new file passes check', p2);

  // --- 3. A source added to the register ------------------------------------------------
  // In a page of its own: Decap keeps the last entry's list of the same name otherwise.
  const page3 = await ctx.newPage();
  page3.on('pageerror', (e) => pageErrors.push(e.message));
  await page3.goto(`${origin}/admin/`);
  const login = page3.getByRole('button', { name: 'Inloggen' });
  if (await login.isVisible({ timeout: 5000 }).catch(() => false)) await login.click();
  await page3.getByText('Bronnenregister', { exact: true }).first().waitFor();
  await page3.goto(`${origin}/admin/#/collections/sources/entries/sources-drechtsteden`);
  const pane3 = page3.locator('[class*="ControlPaneContainer"]').first();
  const addSource = pane3.getByRole('button', { name: /^Voeg bronnen toe/ }).first();
  await addSource.waitFor({ timeout: 30000 });
  await addSource.click();
  const last = async (label) => {
    const l = pane3.locator('label', { hasText: label }).last();
    return page3.locator(`#${await l.getAttribute('for')}`);
  };
  await (await last(/^Id$/)).fill(NEW_SOURCE);
  await (await last(/^Titel/)).fill('Proefbron uit de editor');
  await (await last(/^Uitgever/)).fill('Gemeente Dordrecht');
  await (await last(/^Datum/)).fill('2026-11');
  await (await last(/^Webadres/)).fill('https://www.dordrecht.nl/');
  {
    const l = pane3.locator('label', { hasText: /^Soort/ }).last();
    const input = page3.locator(`#${await l.getAttribute('for')}`);
    await input.click();
    await input.fill('municipal-page');
    await page3.keyboard.press('Enter');
  }
  if (shots) await page3.screenshot({ path: path.join(shots, 'cms-source.png') });
  await publish(page3);
  const reg = await until('the register on disk', () => read(REGISTER).includes(NEW_SOURCE) && read(REGISTER)).catch((e) => e);
  const p3 = [];
  if (reg instanceof Error) p3.push(reg.message);
  else {
    if (!/^[#-]/.test(reg) || /^sources:/m.test(reg)) p3.push(`the file is no longer a list:\n${reg.slice(0, 300)}`);
    // Every earlier source, its comments and blank lines stay as they were written: the
    // new one is added below them.
    if (!reg.startsWith(registerBefore.replace(/\n+$/, ''))) {
      const at = [...registerBefore].findIndex((c, i) => reg[i] !== c);
      p3.push(`the earlier sources were rewritten, from: ${JSON.stringify(registerBefore.slice(at, at + 120))} to ${JSON.stringify(reg.slice(at, at + 120))}`);
    }
    const entry = reg.slice(reg.indexOf(`- id: ${NEW_SOURCE}`));
    for (const want of [/\n {2}title: ['"]?Proefbron uit de editor/, /\n {2}publisher: ['"]?Gemeente Dordrecht/, /\n {2}kind: municipal-page/, /\n {2}date: ['"]?2026-11/, /\n {2}url: ['"]?https:\/\/www\.dordrecht\.nl\//]) {
      if (!want.test(entry)) p3.push(`the new source lacks ${want}:\n${entry.slice(0, 300)}`);
    }
    const c3 = check();
    if (c3.status !== 0 || c3.errors.length) p3.push(`check: exit ${c3.status}, ${c3.errors.map((e) => e.message).join(' | ')}`);
  }
  result('add a source to the register through the form: still a list, comments kept, check passes', p3);

  result('the editor asks nothing of another host', external.length ? [`requests to ${[...new Set(external)].slice(0, 5).join(', ')}`] : []);
  if (pageErrors.length) console.log(`(page errors: ${pageErrors.slice(0, 3).join(' | ')})`);
} catch (e) {
  failed++;
  console.log(`FAIL the editor test stopped: ${e.stack || e}`);
  if (pageErrors.length) console.log(`(page errors: ${pageErrors.slice(0, 3).join(' | ')})`);
  const open = browser.contexts()[0]?.pages()[0];
  if (open) {
    // Decap lists a field's problems above it.
    const why = await open.evaluate(() => [...document.querySelectorAll('[class*="ControlErrorsList"] li')].map((l) => {
      const where = [];
      for (let e = l; e; e = e.parentElement) {
        const lab = e.querySelector(':scope > div > label, :scope > label');
        if (lab) where.unshift(lab.textContent);
      }
      return `${where.join(' > ')}: ${l.textContent}`;
    })).catch(() => []);
    if (why.length) console.log(`(the form says: ${why.join(' | ')})`);
    if (shots) await open.screenshot({ path: path.join(shots, 'cms-failure.png'), fullPage: true }).catch(() => {});
  }
  console.log(serveLog.join('').split('\n').slice(-15).join('\n'));
} finally {
  await browser.close();
  try {
    process.kill(-serve.pid, 'SIGTERM');
  } catch (_) { /* gone already */ }
  await sleep(300);
  if (!process.env.KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`kept ${tmp}`);
}

/** Decap's "Publiceer" → "Publiceer nu" (simple mode, local backend), then its notice. */
async function publish(page) {
  await page.getByText('Publiceer', { exact: true }).first().click();
  await page.getByText('Publiceer nu', { exact: true }).click();
  // The status button turns to "Gepubliceerd" once the backend has written the files.
  await page.getByText('Gepubliceerd', { exact: true }).first().waitFor({ timeout: 30000 });
}

/** Picks `value` in Decap's select (react-select) with the label `label`. */
async function selectOption(page, pane, label, value) {
  const l = pane.locator('label', { hasText: label }).first();
  const input = page.locator(`#${await l.getAttribute('for')}`);
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
