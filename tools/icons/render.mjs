// Renders public/icons/icon.svg to the PNG icons the web app manifest lists (browsers that do not
// take SVG icons, and the maskable variant without rounded corners), with the e2e tests' Chromium.
//
//   node tools/icons/render.mjs        (after `npm ci` in tests/e2e)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '../../tests/e2e/node_modules/playwright-core/index.mjs';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const maskable = svg.replace('rx="96"', 'rx="0"');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const [name, source, size] of [
    ['icon-192.png', svg, 192],
    ['icon-512.png', svg, 512],
    ['maskable-512.png', maskable, 512],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const url = 'data:image/svg+xml;base64,' + Buffer.from(source).toString('base64');
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${url}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    fs.writeFileSync(path.join(dir, name), await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`wrote public/icons/${name}`);
  }
} finally {
  await browser.close();
}
