// scripts/site-files.mjs (the build step behind the service worker and the compressed twins), on a
// throwaway site: the precache list's groups and version, its injection into sw.js, running twice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { precacheList, injectList, compress } from '../../scripts/site-files.mjs';

function site() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-files-'));
  const put = (p, body) => {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), body);
  };
  put('index.html', '<!doctype html><title>x</title>' + 'x'.repeat(2000));
  put('app-0123456789abcdef_bg.wasm', Buffer.alloc(4096, 7));
  put('start.js', 'import("./app.js");');
  put('sw.js', "'use strict';\nconst PRECACHE = null;\nself.x = 1;\n");
  put('data/words.txt', '词 '.repeat(1000));
  put('face_worker_bg.wasm', Buffer.alloc(4096, 9));
  put('face_worker_loader.js', 'importScripts("./face_worker.js");');
  put('models/m.nnefq', Buffer.alloc(2048, 1));
  put('models/NOTICE', 'Apache-2.0');
  put('icons/icon-192.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

test('the list splits the shell from the face files and leaves out sw.js and compressed twins', () => {
  const dir = site();
  fs.writeFileSync(path.join(dir, 'index.html.gz'), zlib.gzipSync('x'));
  const list = precacheList(dir);
  const names = (rows) => rows.map(([p]) => p);
  assert.deepEqual(names(list.shell), ['app-0123456789abcdef_bg.wasm', 'data/words.txt', 'icons/icon-192.png', 'index.html', 'models/NOTICE', 'start.js']);
  assert.deepEqual(names(list.face), ['face_worker_bg.wasm', 'face_worker_loader.js', 'models/m.nnefq']);
  const [, sha, bytes] = list.shell.find(([p]) => p === 'start.js');
  assert.equal(bytes, 19);
  assert.match(sha, /^[0-9a-f]{64}$/);
  assert.match(list.version, /^[0-9a-f]{16}$/);
});

test('the version changes exactly when a listed file changes', () => {
  const dir = site();
  const v1 = precacheList(dir).version;
  fs.writeFileSync(path.join(dir, 'sw.js'), 'const PRECACHE = {};');
  assert.equal(precacheList(dir).version, v1, 'sw.js is not part of the version');
  fs.appendFileSync(path.join(dir, 'models/m.nnefq'), Buffer.from([2]));
  assert.notEqual(precacheList(dir).version, v1, 'a changed model is a new version');
});

test('injection replaces the PRECACHE line, also on a second run', () => {
  const dir = site();
  injectList(dir, precacheList(dir));
  injectList(dir, precacheList(dir));
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const lines = sw.split('\n').filter((l) => l.startsWith('const PRECACHE = '));
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0].slice('const PRECACHE = '.length, -1)).version, precacheList(dir).version);
  assert.ok(sw.includes('self.x = 1;'), 'the rest of sw.js is kept');
  fs.writeFileSync(path.join(dir, 'sw.js'), 'no list line');
  assert.throws(() => injectList(dir, precacheList(dir)), /PRECACHE/);
});

test('twins: .br and .gz of compressible files that shrink, decoding to the original; kept when fresh', () => {
  const dir = site();
  const written = compress(dir);
  assert.ok(written.includes('index.html.br') && written.includes('index.html.gz'), written.join());
  assert.ok(written.includes('app-0123456789abcdef_bg.wasm.br'));
  assert.ok(!written.some((p) => p.startsWith('icons/')), 'images are not compressed');
  assert.ok(!written.includes('start.js.br'), 'a file too small to shrink gets no twin');
  const html = fs.readFileSync(path.join(dir, 'index.html'));
  assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'index.html.br'))), html);
  assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'index.html.gz'))), html);
  assert.deepEqual(compress(dir), [], 'a second run leaves fresh twins alone');
  const later = new Date(Date.now() + 5000);
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>' + 'y'.repeat(3000));
  fs.utimesSync(path.join(dir, 'index.html'), later, later);
  assert.deepEqual(compress(dir).sort(), ['index.html.br', 'index.html.gz'], 'a changed file gets new twins');
  assert.match(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'index.html.gz'))).toString(), /^<!doctype html>y/);
});
