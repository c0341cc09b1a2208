// Self-test of the harness on a throwaway page (independent of the app): the static server's MIME
// types, the off-origin request guard, page-error and panic detection, uploads and downloads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { setup, assertClean, readState, until } from './harness.mjs';

let env;
let root;
const BIG = '中招报名自查助手 '.repeat(500);

const PAGE = `<!doctype html><meta charset="utf-8"><title>harness</title>
<select name="profile"><option value="henan-2024" selected>henan-2024</option></select>
<input type="file" data-testid="photo-input">
<div id="out"></div>
<script>
  document.querySelector('input').addEventListener('change', async (ev) => {
    const t0 = performance.now();
    const f = ev.target.files[0];
    const b = new Uint8Array(await f.arrayBuffer());
    const ok = b[0] === 0xff && b[1] === 0xd8;
    const out = document.getElementById('out');
    out.innerHTML = '';
    const r = document.createElement('section');
    r.setAttribute('data-report', 'input');
    r.setAttribute('data-verdict', ok ? 'pass' : 'fail');
    r.setAttribute('data-ms', String(Math.round(performance.now() - t0)));
    r.innerHTML = '<div data-check="file.format" data-status="' + (ok ? 'pass' : 'fail') + '">格式</div>';
    out.append(r);
    const btn = document.createElement('button');
    btn.dataset.testid = 'fix-button';
    btn.onclick = () => {
      const fixed = document.createElement('section');
      fixed.setAttribute('data-report', 'fixed');
      fixed.setAttribute('data-verdict', 'pass');
      fixed.setAttribute('data-fix-ms', '1');
      const a = document.createElement('a');
      a.dataset.testid = 'download-fixed';
      a.download = 'fixed.jpg';
      a.href = URL.createObjectURL(new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }));
      a.textContent = '下载';
      out.append(fixed, a);
    };
    out.append(btn);
  });
  window.leak = () => fetch('http://192.0.2.1:9/leak').catch(() => {});
  window.boom = () => setTimeout(() => { throw new Error('boom'); });
  window.panic = () => console.error('panicked at src/lib.rs:1:1: test');
</script>`;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-harness-'));
  fs.writeFileSync(path.join(root, 'index.html'), PAGE);
  fs.writeFileSync(path.join(root, 'm.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'a.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  fs.writeFileSync(path.join(root, 'b.txt'), 'hello');
  fs.writeFileSync(path.join(root, 'app-0123456789abcdef_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, 'big.txt'), BIG);
  fs.writeFileSync(path.join(root, 'big.txt.br'), zlib.brotliCompressSync(BIG));
  fs.writeFileSync(path.join(root, 'big.txt.gz'), zlib.gzipSync(BIG));
  fs.writeFileSync(
    path.join(root, 'csp.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="img-src 'self'"><img src="http://192.0.2.1:9/p.png">`,
  );
  env = await setup({ root });
});

after(async () => {
  await env?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('server: MIME types, caching, SPA fallback, no traversal', async () => {
  const get = (p) => fetch(env.server.origin + p);
  let r = await get('/m.wasm');
  assert.equal(r.headers.get('content-type'), 'application/wasm');
  assert.equal(r.headers.get('cache-control'), 'no-cache', 'unhashed files are revalidated');
  assert.equal(r.headers.get('content-security-policy'), null, 'no policy header when index.html has no policy');
  assert.ok(WebAssembly.validate(new Uint8Array(await r.arrayBuffer())));
  const etag = r.headers.get('etag');
  assert.ok(etag, 'ETag sent');
  r = await fetch(env.server.origin + '/m.wasm', { headers: { 'If-None-Match': etag } });
  assert.equal(r.status, 304, 'revalidation answers 304');
  r = await get('/app-0123456789abcdef_bg.wasm');
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable', 'hashed names are immutable');
  r = await get('/');
  assert.match(r.headers.get('content-type'), /^text\/html/);
  r = await get('/photo');
  assert.equal(r.status, 200, 'extension-less paths fall back to index.html');
  r = await get('/missing.js');
  assert.equal(r.status, 404);
  r = await get('/..%2f..%2fetc%2fpasswd');
  assert.ok(r.status === 403 || r.status === 404, `traversal answered ${r.status}`);
});

/** A raw GET (node's fetch would decompress and hide the encoding). */
const raw = (p, acceptEncoding) =>
  new Promise((resolve, reject) => {
    http
      .get(env.server.origin + p, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });

test('server: sends the build\'s .br/.gz twin when accepted', async () => {
  let r = await raw('/big.txt', 'gzip, deflate, br');
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal(zlib.brotliDecompressSync(r.body).toString(), BIG);
  r = await raw('/big.txt', 'gzip, br;q=0');
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(zlib.gunzipSync(r.body).toString(), BIG);
  r = await raw('/big.txt');
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.body.toString(), BIG);
  r = await raw('/b.txt', 'br');
  assert.equal(r.headers['content-encoding'], undefined, 'no twin, no encoding');
});

test('guard records and blocks off-origin requests', async () => {
  const s = await env.open('#/');
  try {
    await s.page.evaluate(() => window.leak());
    await until(() => s.offOrigin.length > 0, 'the off-origin request to be recorded');
    assert.equal(s.offOrigin.length, 1);
    assert.match(s.offOrigin[0], /192\.0\.2\.1/);
    await assert.rejects(assertClean(s), /left the origin/);
  } finally {
    await s.context.close();
  }
});

test('CSP violations are recorded (blocked attempts to leave the origin)', async () => {
  const s = await env.open('csp.html', { waitFor: null });
  try {
    await s.page.waitForFunction(() => window.__e2eCsp?.length > 0, null, { timeout: 5_000, polling: 25 });
    const csp = await s.page.evaluate(() => window.__e2eCsp);
    assert.equal(csp.length, 1, `one violation recorded: ${csp}`);
    s.offOrigin.length = 0; // Chromium may report the blocked request too; check the CSP part alone
    await assert.rejects(assertClean(s), /Content-Security-Policy/);
  } finally {
    await s.context.close();
  }
});

test('page errors and panics are detected', async () => {
  const s = await env.open('#/');
  try {
    await s.page.evaluate(() => window.boom());
    await s.page.evaluate(() => window.panic());
    await until(() => s.pageErrors.length > 0 && s.panics.length > 0, 'the page error and the panic to be recorded');
    assert.equal(s.pageErrors.length, 1);
    assert.equal(s.panics.length, 1);
    await assert.rejects(assertClean(s));
  } finally {
    await s.context.close();
  }
});

test('upload, fix and download helpers', async () => {
  const s = await env.open('#/');
  try {
    let r = await s.upload('photo-input', path.join(root, 'b.txt'));
    assert.equal(r.verdict, 'fail');
    assert.equal(r.checks['file.format'], 'fail');
    r = await s.upload('photo-input', path.join(root, 'a.jpg'));
    assert.equal(r.verdict, 'pass');
    assert.ok(r.fixEnabled);
    const f = await s.fix();
    assert.equal(f.verdict, 'pass');
    assert.equal(f.download, 'fixed.jpg');
    const dl = await s.download('harness');
    assert.equal(dl.suggested, 'fixed.jpg');
    assert.deepEqual([...dl.bytes], [0xff, 0xd8, 0xff, 0xd9]);
    assert.equal((await readState(s.page, 'fixed')).verdict, 'pass');
    await assertClean(s);
  } finally {
    await s.context.close();
  }
});
