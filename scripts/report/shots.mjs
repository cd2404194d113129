#!/usr/bin/env node
/**
 * Screenshots of a comparison page at desktop (1280 px) and phone (390 px) widths, with the page
 * height printed for each: `node scripts/report/shots.mjs docs/report/index.html docs/report`.
 * Uses Debian's chromium through playwright-core (as the browser test does). Writes
 * `<out>/screenshot-1280.png` (first screen) and `<out>/screenshot-390.png` (first screen), and
 * with `--full` the full pages as `*-full.png`; with `--roofline NAME=TEXT` (repeatable) also
 * `<out>/roofline-NAME.png`, the roofline figure of the chip whose title contains TEXT at 1280 px
 * (`--roofline h200=H200` writes `roofline-h200.png`).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const full = args.includes('--full');
const rooflines = args.flatMap((a, i) => (args[i - 1] === '--roofline' ? [a.split('=')] : []));
const [page, out] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--roofline');
if (page === undefined || out === undefined) {
  console.error('usage: node scripts/report/shots.mjs PAGE.html OUT_DIR [--full]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const tab = await browser.newPage({ viewport: { width, height } });
    await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
    const h = await tab.evaluate('document.documentElement.scrollHeight');
    console.log(`width ${width} px: page height ${h} px (${(h / height).toFixed(1)} screens of ${height} px)`);
    await tab.screenshot({ path: join(out, `screenshot-${width}.png`) });
    if (full) await tab.screenshot({ path: join(out, `screenshot-${width}-full.png`), fullPage: true });
    await tab.close();
  }
  for (const [name, text] of rooflines) {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
    const fig = tab.locator('#roofline figure', { has: tab.locator('svg.chart-roofline > title', { hasText: text }) }).first();
    if ((await fig.count()) === 0) {
      console.error(`no roofline figure whose title contains ${text}`);
      process.exitCode = 2;
    } else {
      await fig.screenshot({ path: join(out, `roofline-${name}.png`) });
      console.log(`roofline ${text}: ${join(out, `roofline-${name}.png`)}`);
    }
    await tab.close();
  }
} finally {
  await browser.close();
}
