// Service worker: after one visit the site opens and checks photos without a network.
//
// - install: stores the app shell (page, scripts, wasm, styles, data files) of this deployment;
// - the face engine and its models are stored the first time the page asks for them (a photo check)
//   or when the page sends "cache-face" (the "离线也能用" button), with progress messages;
// - only the files listed below are ever stored: same-origin GETs of the site's own files, checked
//   against their SHA-256. What a visitor picks or types never passes through here (blob: URLs and
//   form data are not fetched from the network at all) and is never stored;
// - a new deployment is a new list (scripts/site-files.mjs writes it at build time), so the browser
//   installs a new worker beside the old one; it waits until the page says "skip-waiting" (the
//   "有新版本，点此刷新" banner), then deletes the old version's caches.
'use strict';

// Replaced at build time by scripts/site-files.mjs: {version, shell: [[path, sha256, bytes]…], face: […]}.
const PRECACHE = null;

const SCOPE = new URL(self.registration.scope);
/** Caches of this site at this path (other deployments on the same origin keep theirs). */
const PREFIX = `zhongzhao:${SCOPE.pathname}:`;
const SHELL = `${PREFIX}shell:${PRECACHE.version}`;
const FACE = `${PREFIX}face:${PRECACHE.version}`;
/** The stored copy's SHA-256, so the next version can reuse files that did not change. */
const HASH_HEADER = 'x-precache-sha256';

const entry = (cache) => ([path, sha256, bytes]) => ({ url: new URL(path, SCOPE).href, path, sha256, bytes, cache });
const SHELL_FILES = PRECACHE.shell.map(entry(SHELL));
const FACE_FILES = PRECACHE.face.map(entry(FACE));
const BY_URL = new Map([...SHELL_FILES, ...FACE_FILES].map((e) => [e.url, e]));
const INDEX = BY_URL.get(new URL('index.html', SCOPE).href);

self.addEventListener('install', (event) => {
  event.waitUntil(install());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== SHELL && name !== FACE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || url.search) return;
  url.hash = '';
  let file = BY_URL.get(url.href);
  // Routes are hashes, so every page of the app is index.html.
  if (!file && request.mode === 'navigate' && url.pathname === SCOPE.pathname) file = INDEX;
  if (file) event.respondWith(respond(file));
});

self.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'skip-waiting') self.skipWaiting();
  else if (type === 'status') event.waitUntil(status().then((s) => event.source.postMessage(s)));
  else if (type === 'cache-face') event.waitUntil(cacheFace());
});

async function install() {
  const old = await oldCaches();
  const shell = await caches.open(SHELL);
  await Promise.all(SHELL_FILES.map(async (f) => shell.put(f.url, await reuse(f, old) ?? (await download(f)))));
  // If the previous version had the face files, so does this one: the visitor may be offline
  // when they next check a photo. Best effort: a failure here only means fetching them later.
  const hadFace = await Promise.all(old.map(async (c) => (await c.keys()).some((r) => r.url.includes('/models/'))));
  if (hadFace.includes(true)) await cacheFace(false).catch(() => {});
}

/** The other versions' caches of this site, newest first as caches.keys() lists them in creation order. */
async function oldCaches() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== SHELL && n !== FACE);
  return Promise.all(names.reverse().map((n) => caches.open(n)));
}

/** A stored copy of `file` with the same content in an older cache, if any. */
async function reuse(file, old) {
  for (const cache of old) {
    const hit = await cache.match(file.url);
    if (hit && hit.headers.get(HASH_HEADER) === file.sha256) return hit;
  }
  return null;
}

/** Fetches `file` and returns it ready to store; throws if its content is not this version's. */
async function download(file) {
  const { response, sha256 } = await fetchFile(file);
  if (!response.ok || sha256 !== file.sha256) throw new Error(`${file.path}: not this version's file`);
  return response;
}

/** Fetches `file` past the HTTP cache; the body is read whole to hash it. */
async function fetchFile(file) {
  const network = await fetch(file.url, { cache: 'no-cache' });
  const body = await network.arrayBuffer();
  const sha256 = hex(await crypto.subtle.digest('SHA-256', body));
  const headers = new Headers(network.headers);
  // The body is stored decoded and whole; Vary would make cache.match compare request headers.
  for (const h of ['content-encoding', 'content-length', 'vary', 'etag', 'last-modified']) headers.delete(h);
  headers.set(HASH_HEADER, sha256);
  const response = new Response(body, { status: network.status, statusText: network.statusText, headers });
  return { response, sha256 };
}

const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function respond(file) {
  const cache = await caches.open(file.cache);
  const hit = await cache.match(file.url);
  if (hit) return hit;
  // Not stored yet: a face file before the first photo check (or a shell file if storage was cleared).
  const { response, sha256 } = await fetchFile(file);
  if (response.ok && sha256 === file.sha256) {
    await cache.put(file.url, response.clone());
    if (file.cache === FACE) broadcast(await status());
  } else {
    // The server has another deployment than this worker: hand it over uncached, and look for the
    // new worker so the page can offer the refresh.
    self.registration.update().catch(() => {});
  }
  return response;
}

/** `{type: 'status', version, face: {done, total, bytes, totalBytes}}`: how much of the face files is stored. */
async function status() {
  const cache = await caches.open(FACE);
  let done = 0;
  let bytes = 0;
  for (const f of FACE_FILES) {
    if (await cache.match(f.url)) {
      done += 1;
      bytes += f.bytes;
    }
  }
  const totalBytes = FACE_FILES.reduce((a, f) => a + f.bytes, 0);
  return { type: 'status', version: PRECACHE.version, face: { done, total: FACE_FILES.length, bytes, totalBytes } };
}

let caching = null;

/** Stores every face file, telling the pages after each one if `notify` (not while this version
 * is only installing: the open pages still run the old one); one run at a time. */
function cacheFace(notify = true) {
  caching ??= (async () => {
    try {
      const old = await oldCaches();
      const cache = await caches.open(FACE);
      for (const f of FACE_FILES) {
        if (!(await cache.match(f.url))) await cache.put(f.url, (await reuse(f, old)) ?? (await download(f)));
        if (notify) broadcast(await status());
      }
    } catch (e) {
      if (notify) broadcast({ type: 'face-error', message: String((e && e.message) || e) });
      throw e;
    } finally {
      caching = null;
    }
  })();
  return caching;
}

async function broadcast(message) {
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) client.postMessage(message);
}
