// Fallback notes in a real browser: run by run.sh on a copy of the default site from which
// one Ukrainian translation was removed (so its card falls back to English, the first
// language of Ukrainian's fallback chain).
//
//   node fallback.mjs <built-site-folder> <path of the answer page> <service id>
//
// Checks at 360 px: the card shows the English text marked lang="en"; the page says once,
// in Ukrainian, that some texts are in English; the headings around the card stay Ukrainian.
// Prints "N passed, M failed"; exits 1 on failure.
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const [siteDir, pagePath, serviceId] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const server = await serve(siteDir);
let failed = 0;
try {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  const res = await page.goto(`${server.origin}${pagePath}`);
  const r = await page.evaluate((id) => {
    const card = [...document.querySelectorAll('main a.card-title')].find((a) => a.getAttribute('href').includes(`/${id}/`));
    const notes = [...document.querySelectorAll('main .notice')].map((n) => n.textContent.trim());
    return {
      lang: document.documentElement.lang,
      cardLang: card && card.getAttribute('lang'),
      cardText: card && card.textContent.trim(),
      notes,
      sectionLang: card && card.closest('section') && card.closest('section').querySelector('h2, h3').closest('[lang]').getAttribute('lang'),
    };
  }, serviceId);
  const problems = [];
  if (!res.ok()) problems.push(`status ${res.status()}`);
  if (r.lang !== 'uk') problems.push(`html lang ${r.lang}`);
  if (r.cardLang !== 'en') problems.push(`the card of ${serviceId} has lang=${r.cardLang} ("${r.cardText}")`);
  const fallbackNotes = r.notes.filter((n) => n.includes('English'));
  if (fallbackNotes.length !== 1) problems.push(`${fallbackNotes.length} notes naming English (want 1): ${r.notes.join(' | ')}`);
  if (r.sectionLang !== 'uk') problems.push(`the section heading is in ${r.sectionLang}`);
  if (problems.length) { failed++; console.log(`FAIL fallback note on ${pagePath}: ${problems.join('; ')}`); }
  else console.log(`ok   fallback note on ${pagePath}: card ${serviceId} in English (lang=en), one note: "${fallbackNotes[0]}"`);
} finally {
  await server.close();
  await browser.close();
}
console.log(`\n${1 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
