// Home page, routes, the profile selector on every page, and the size of the first page load.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { setup, withPage, DIST } from './harness.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const T = { timeout: 120_000 };

test('home page shows the privacy promise (不会离开)', T, () =>
  withPage(env, '#/', async (s) => {
    await s.page.waitForFunction(() => document.body.innerText.includes('不会离开'), null, { timeout: 30_000 });
    assert.ok((await s.page.title()).length > 0, 'page has a title');
  }),
);

test('every route has the rule-profile selector (henan-2024 default, zhengzhou-2023)', T, () =>
  withPage(env, '#/', async (s) => {
    for (const route of ['#/', '#/photo', '#/document']) {
      await s.route(route);
      await s.page.waitForSelector('select[name="profile"]', { state: 'attached' });
      const sel = await s.page.evaluate(() => {
        const el = document.querySelector('select[name="profile"]');
        return { value: el.value, options: [...el.options].map((o) => o.value) };
      });
      assert.ok(sel.options.includes('henan-2024'), `${route}: options ${sel.options}`);
      assert.ok(sel.options.includes('zhengzhou-2023'), `${route}: options ${sel.options}`);
      assert.equal(sel.value, 'henan-2024', `${route}: default profile`);
    }
    await s.route('#/photo');
    await s.page.waitForSelector('input[type="file"][data-testid="photo-input"]', { state: 'attached' });
    await s.route('#/document');
    await s.page.waitForSelector('input[type="file"][data-testid="document-input"]', { state: 'attached' });
    await s.page.waitForSelector('input[name="id_number"]', { state: 'attached' });
  }),
);

test('direct loads of #/photo and #/document render their inputs', T, async () => {
  await withPage(env, '#/photo', (s) => s.page.waitForSelector('[data-testid="photo-input"]', { state: 'attached' }));
  await withPage(env, '#/document', (s) => s.page.waitForSelector('[data-testid="document-input"]', { state: 'attached' }));
});

test('first page load: transferred bytes (raw, gzip, brotli) are printed and fit the 500 KB budget', T, async () => {
  const responses = [];
  await withPage(
    env,
    '#/',
    async (s) => {
      await s.page.waitForLoadState('networkidle');
      const rows = [];
      for (const r of responses) {
        const body = await r.body().catch(() => Buffer.alloc(0));
        const url = new URL(r.url());
        let gz = null;
        let br = null;
        const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
        const file = path.join(DIST, rel);
        if (url.origin === env.server.origin && fs.existsSync(file) && fs.statSync(file).isFile()) {
          const bytes = fs.readFileSync(file);
          gz = zlib.gzipSync(bytes, { level: 9 }).length;
          // What a host with the build's .br twins sends (scripts/site-files.mjs; same quality as here).
          br = fs.existsSync(file + '.br') ? fs.statSync(file + '.br').size : zlib.brotliCompressSync(bytes).length;
        }
        rows.push({ path: url.protocol.startsWith('http') ? url.pathname : url.protocol, status: r.status(), bytes: body.length, gzip: gz, br });
      }
      const total = rows.reduce((a, r) => a + r.bytes, 0);
      const gzip = rows.reduce((a, r) => a + (r.gzip ?? r.bytes), 0);
      const brotli = rows.reduce((a, r) => a + (r.br ?? r.bytes), 0);
      for (const r of rows) console.log(`# load ${r.status} ${r.path} bytes=${r.bytes} gzip=${r.gzip ?? '-'} br=${r.br ?? '-'}`);
      console.log(`page-load requests=${rows.length} bytes=${total} gzip_bytes=${gzip} brotli_bytes=${brotli}`);
      assert.ok(rows.some((r) => r.path.endsWith('.wasm')), 'the wasm module was loaded');
      for (const r of rows) assert.ok(r.status < 400, `${r.path} answered ${r.status}`);
      // The foundation's budget for everything the home page needs, as gzip would send it.
      assert.ok(gzip <= 500_000, `first page load is ${gzip} B gzip (budget 500,000 B)`);
    },
    { onResponse: (r) => responses.push(r) },
  );
});
