// Search quality in a real browser: runs the query set (tests/search/queries.json) against a
// built site and reports recall@5 per language and overall, and the bytes each query
// transfers with a cold cache (a fresh browser context per query).
//
//   node search-quality.mjs <built-site> [--engine ours|pagefind] [--queries FILE]
//        [--json OUT] [--min-recall 0.8] [--limit N]
//
// recall@5 of a query = |expected ∩ first five results| / min(|expected|, 5); a result is
// named by the last segment of its URL (a service id, an explainer slug, a municipality).
// Bytes are counted from playwright's network events for every request the search makes
// after the page has loaded, plus the search script itself (search.js for ours, the
// pagefind.js it imports for Pagefind is counted as a request): the raw bytes our test
// server sends (it does not compress) and, per response, the gzip size a compressing host
// would send (never more than raw: Pagefind's index files are compressed already).
// With --min-recall it exits 1 when the overall recall is lower. Last line: "N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i === -1 ? dflt : args[i + 1]; };
const siteDir = args[0];
const engine = opt('--engine', 'ours');
const queries = JSON.parse(fs.readFileSync(opt('--queries', path.join(here, '../search/queries.json')), 'utf8'))
  .slice(0, Number(opt('--limit', 100000)));
const minRecall = opt('--min-recall', null);
const jsonOut = opt('--json', null);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const server = await serve(siteDir);
const idOf = (url) => new URL(url, server.origin).pathname.split('/').filter(Boolean).pop() || '';

async function runOne(q) {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  await page.goto(`${server.origin}/${q.lang}/zoeken/`, { waitUntil: 'load' });
  let inflight = 0;
  const responses = [];
  let scriptBytes = 0;
  if (engine === 'ours') {
    const js = fs.readFileSync(path.join(siteDir, 'static/search.js'));
    scriptBytes = js.length;
    responses.push({ url: '/static/search.js', raw: js.length, gz: Math.min(js.length, zlib.gzipSync(js).length) });
  }
  page.on('request', () => { inflight++; });
  const done = async (r) => {
    try {
      const body = await r.response().then((x) => (x ? x.body() : Buffer.alloc(0)));
      responses.push({ url: r.url(), raw: body.length, gz: Math.min(body.length, zlib.gzipSync(body).length) });
    } catch { /* a request without a body */ }
    inflight--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', () => { inflight--; });
  const t0 = Date.now();
  let urls;
  if (engine === 'ours') {
    await page.locator('#q').fill(q.q);
    await page.waitForFunction(() => document.getElementById('search-status').textContent.length > 0, null, { timeout: 15000 });
    urls = await page.locator('#search-results a.card-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  } else {
    urls = await page.evaluate(async (text) => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const s = await pf.search(text);
      const top = await Promise.all(s.results.slice(0, 5).map((r) => r.data()));
      return top.map((d) => d.url);
    }, q.q);
  }
  const ms = Date.now() - t0;
  for (let i = 0; i < 100 && inflight > 0; i++) await new Promise((r) => setTimeout(r, 50));
  await ctx.close();
  const top5 = urls.slice(0, 5).map(idOf);
  const want = q.expect.length ? Math.min(q.expect.length, 5) : 0;
  const found = q.expect.filter((e) => top5.includes(e)).length;
  const recall = want ? Math.min(found, want) / want : (top5.length === 0 ? 1 : 0);
  const raw = responses.reduce((s, r) => s + r.raw, 0);
  const gz = responses.reduce((s, r) => s + r.gz, 0);
  return { ...q, top5, recall, raw, gz, requests: responses.length, ms, scriptBytes };
}

const rows = [];
let failed = 0;
try {
  for (const q of queries) {
    try {
      const r = await runOne(q);
      rows.push(r);
      console.log(`${r.recall === 1 ? 'ok  ' : r.recall > 0 ? 'part' : 'miss'} ${r.lang} ${JSON.stringify(r.q)} recall@5 ${r.recall.toFixed(2)} · ${r.raw} B raw, ${r.gz} B gzip, ${r.requests} files · top: ${r.top5.join(' ')}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${q.lang} ${JSON.stringify(q.q)}: ${e.message.split('\n')[0]}`);
    }
  }
} finally {
  await server.close();
  await browser.close();
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0; }
const langs = [...new Set(rows.map((r) => r.lang))];
const summary = { engine, site: siteDir, queries: rows.length, errors: failed, perLanguage: {}, overall: {} };
const stats = (rs) => ({
  queries: rs.length,
  recall5: rs.length ? rs.reduce((s, r) => s + r.recall, 0) / rs.length : 0,
  medianRaw: median(rs.map((r) => r.raw)), worstRaw: Math.max(0, ...rs.map((r) => r.raw)),
  medianGzip: median(rs.map((r) => r.gz)), worstGzip: Math.max(0, ...rs.map((r) => r.gz)),
});
for (const l of langs) summary.perLanguage[l] = stats(rows.filter((r) => r.lang === l));
summary.overall = stats(rows);
console.log(`\n${engine}: recall@5 per language: ${langs.map((l) => `${l} ${summary.perLanguage[l].recall5.toFixed(2)}`).join(', ')}`);
console.log(`${engine}: overall recall@5 ${summary.overall.recall5.toFixed(3)} over ${rows.length} queries; bytes per query median ${summary.overall.medianRaw} raw / ${summary.overall.medianGzip} gzip, worst ${summary.overall.worstRaw} raw / ${summary.overall.worstGzip} gzip`);
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ summary, rows }, null, 1));
let ok = failed === 0;
if (minRecall !== null && summary.overall.recall5 < Number(minRecall)) {
  console.log(`overall recall@5 ${summary.overall.recall5.toFixed(3)} is below ${minRecall}`);
  ok = false;
}
console.log(`\n${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
