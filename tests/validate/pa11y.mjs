// pa11y with HTML_CodeSniffer (WCAG 2 AA) over one page of every kind in every language of a
// built onderdak site, in Debian's Chromium, a second accessibility engine beside the
// browser suite's axe-core. Pages are picked from the build's folders, so any site works.
//
//   node tests/validate/pa11y.mjs <built site folder>
//
// Exits 1 on any error (warnings and notices are not counted).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve } from '../browser/server.mjs';

const require = createRequire(import.meta.url);
const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

const site = process.argv[2];
if (!site || !fs.existsSync(path.join(site, 'index.html'))) {
  console.error('usage: node pa11y.mjs <built site folder>');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SEGMENTS = { flow: 'waar-kan-ik-terecht', explainers: 'uitleg', flyer: 'flyer', changes: 'wat-is-er-veranderd', search: 'zoeken', offline: 'offline', national: 'landelijk', topic: 'onderwerp' };

const isDir = (p) => { try { return fs.statSync(p).isDirectory(); } catch { return false; } };
const page = (p) => fs.existsSync(path.join(site, p, 'index.html'));
const subdirs = (p) => (isDir(path.join(site, p)) ? fs.readdirSync(path.join(site, p)).sort().filter((d) => isDir(path.join(site, p, d))) : []);

/** The deepest page reached by always taking the first option: an answer. */
function answerUnder(start) {
  let p = start;
  for (let i = 0; i < 30; i++) {
    const next = subdirs(p).filter((d) => page(`${p}${d}/`));
    if (next.length === 0) return p;
    p = `${p}${next[0]}/`;
  }
  return p;
}

/** One page of every kind in `lang`, by what the folders hold. */
function pagesOf(lang) {
  const out = [];
  const add = (kind, p) => { if (p && page(p)) out.push({ kind, lang, path: p }); };
  add('home', `/${lang}/`);
  add('search', `/${lang}/${SEGMENTS.search}/`);
  add('offline', `/${lang}/${SEGMENTS.offline}/`);
  add('explainers', `/${lang}/${SEGMENTS.explainers}/`);
  const explainer = subdirs(`/${lang}/${SEGMENTS.explainers}/`)[0];
  if (explainer) add('explainer', `/${lang}/${SEGMENTS.explainers}/${explainer}/`);
  const national = subdirs(`/${lang}/${SEGMENTS.national}/`)[0];
  if (national) add('national service', `/${lang}/${SEGMENTS.national}/${national}/`);
  const topic = subdirs(`/${lang}/${SEGMENTS.topic}/`)[0];
  if (topic) {
    add('topic', `/${lang}/${SEGMENTS.topic}/${topic}/`);
    const topicRegion = subdirs(`/${lang}/${SEGMENTS.topic}/${topic}/`)[0];
    if (topicRegion) add('topic region', `/${lang}/${SEGMENTS.topic}/${topic}/${topicRegion}/`);
  }
  add('flow question', `/${lang}/${SEGMENTS.flow}/`);
  add('flow answer', answerUnder(`/${lang}/${SEGMENTS.flow}/`));
  const places = subdirs(`/${lang}/`).filter((d) => !Object.values(SEGMENTS).includes(d));
  const municipality = places.find((d) => fs.existsSync(path.join(site, lang, d, 'offline.json')));
  const region = places.find((d) => page(`/${lang}/${d}/${SEGMENTS.changes}/`));
  if (municipality) {
    const m = `/${lang}/${municipality}/`;
    add('municipality', m);
    add('municipality flyer', `${m}${SEGMENTS.flyer}/`);
    add('municipality flow answer', answerUnder(`${m}${SEGMENTS.flow}/`));
  }
  if (region) {
    const r = `/${lang}/${region}/`;
    add('region', r);
    add('changes', `${r}${SEGMENTS.changes}/`);
    const service = subdirs(r).find((d) => d !== SEGMENTS.changes && page(`${r}${d}/`));
    if (service) {
      add('service', `${r}${service}/`);
      add('service flyer', `${r}${service}/${SEGMENTS.flyer}/`);
    }
  }
  return out;
}

const langs = subdirs('/').filter((d) => page(`/${d}/`) && /^[a-z]{2,3}$/.test(d));
const targets = [{ kind: 'landing', lang: '-', path: '/' }, { kind: '404', lang: '-', path: '/404.html' }, ...langs.flatMap(pagesOf)];
const server = await serve(site);
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let errors = 0;
let failedPages = 0;
const started = Date.now();
try {
  for (const t of targets) {
    const url = new URL(t.path, server.origin).href;
    const result = await pa11y(url, {
      browser,
      standard: 'WCAG2AA',
      runners: ['htmlcs'],
      includeNotices: false,
      includeWarnings: false,
      timeout: 60000,
    });
    const issues = result.issues.filter((i) => i.type === 'error');
    errors += issues.length;
    if (issues.length) failedPages += 1;
    console.log(`${issues.length ? 'FAIL' : 'ok  '} ${t.lang} ${t.kind} ${t.path}${issues.length ? `: ${issues.length} error(s)` : ''}`);
    for (const i of issues) console.log(`       ${i.code}\n       ${i.message}\n       ${i.selector}: ${i.context}`);
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`pa11y: ${targets.length} pages (${langs.length} languages), ${errors} error(s) on ${failedPages} page(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(errors ? 1 : 0);
