// Build step (run by scripts/post-build.sh in trunk's post_build hook, on the staging dir; or by hand
// on a finished dist/): writes the service worker's precache list and makes the .br/.gz files.
//
//   node scripts/site-files.mjs [DIR]        DIR defaults to $TRUNK_STAGING_DIR, then dist/
//   node scripts/site-files.mjs DIR --no-compress
//
// The list is injected into DIR/sw.js in place of its `const PRECACHE = …;` line, so every
// deployment whose files differ gets a byte-different sw.js, which is what makes browsers install
// the new version. Each file carries its SHA-256: the service worker stores only bytes that match
// (never a half-updated deployment) and reuses unchanged files from the previous version's cache.
// Running it again on the same DIR is safe: the list is rebuilt and up-to-date .br/.gz files are kept.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Files that are never precached: the service worker itself, compressed twins, host config. */
const NOT_CACHED = [/^sw\.js$/, /\.(br|gz)$/, /^_headers$/, /^\.stage\//];
/** The face engine and its models: cached on the first photo check (or "离线也能用"), not at install.
 * Only what that check fetches: models/NOTICE goes with the shell, or a check would never complete the set. */
const FACE = [/^face_worker[^/]*$/, /^models\/[^/]+\.nnefq$/];
/** Compressed twins are written for these; images and the like are already compressed. */
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt|nnefq|map)$|(^|\/)(NOTICE[^/]*|README[^/]*)$/;
/** A twin is kept only if it saves at least this share of the bytes. */
const MIN_SAVING = 0.05;

/** Every regular file under `dir`, as '/'-separated paths relative to it, sorted. */
export function listFiles(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, p));
    else if (entry.isFile()) out.push(p);
  }
  return out.sort();
}

/**
 * The precache list of `dir`: `{version, shell: [[path, sha256, bytes]…], face: […]}`. `version` is
 * a digest of every listed path and hash, so it changes exactly when a listed file changes.
 */
export function precacheList(dir) {
  const shell = [];
  const face = [];
  const all = crypto.createHash('sha256');
  for (const p of listFiles(dir)) {
    if (NOT_CACHED.some((re) => re.test(p))) continue;
    const bytes = fs.readFileSync(path.join(dir, p));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    all.update(`${p}\0${sha}\n`);
    (FACE.some((re) => re.test(p)) ? face : shell).push([p, sha, bytes.length]);
  }
  if (!shell.some(([p]) => p === 'index.html')) throw new Error(`${dir}/index.html missing`);
  return { version: all.digest('hex').slice(0, 16), shell, face };
}

const PRECACHE_LINE = /^const PRECACHE = .*;$/m;

/** Writes `list` into dir/sw.js (which must have a `const PRECACHE = …;` line). */
export function injectList(dir, list) {
  const file = path.join(dir, 'sw.js');
  const source = fs.readFileSync(file, 'utf8');
  if (!PRECACHE_LINE.test(source)) throw new Error(`${file}: no "const PRECACHE = …;" line to replace`);
  fs.writeFileSync(file, source.replace(PRECACHE_LINE, () => `const PRECACHE = ${JSON.stringify(list)};`));
}

/** Writes file.br (quality 11) and file.gz (level 9) beside each compressible file of `dir`. */
export function compress(dir) {
  const written = [];
  for (const p of listFiles(dir)) {
    if (!COMPRESSIBLE.test(p) || NOT_CACHED.slice(1).some((re) => re.test(p))) continue;
    const file = path.join(dir, p);
    const stat = fs.statSync(file);
    let bytes = null;
    for (const [ext, pack] of [
      ['.br', (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length } })],
      ['.gz', (b) => zlib.gzipSync(b, { level: 9 })],
    ]) {
      const twin = file + ext;
      const old = fs.statSync(twin, { throwIfNoEntry: false });
      if (old && old.mtimeMs >= stat.mtimeMs) continue; // made from this very file
      bytes ??= fs.readFileSync(file);
      const packed = pack(bytes);
      if (packed.length <= bytes.length * (1 - MIN_SAVING)) {
        fs.writeFileSync(twin, packed);
        written.push(p + ext);
      } else if (old) {
        fs.rmSync(twin);
      }
    }
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = args.find((a) => !a.startsWith('--')) ?? process.env.TRUNK_STAGING_DIR ?? path.join(root, 'dist');
  // The sw.js of a finished dist/ already went through here; index.html is rewritten by the
  // e2e update test, so the list must be rebuilt before compressing.
  const list = precacheList(dir);
  injectList(dir, list);
  const sum = (rows) => rows.reduce((a, [, , n]) => a + n, 0);
  console.log(
    `site-files: version ${list.version}: shell ${list.shell.length} files ${sum(list.shell)} B, face ${list.face.length} files ${sum(list.face)} B`,
  );
  if (!args.includes('--no-compress')) {
    const written = compress(dir);
    console.log(`site-files: ${written.length} compressed twins written`);
  }
}
