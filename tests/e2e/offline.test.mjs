// Offline, installable, deployable: the service worker (public/sw.js) stores the app shell on the
// first visit and the face engine and models on the first photo check or at "离线也能用"; then, with
// the network off AND the server stopped, every route renders in a fresh tab with the HTTP cache
// disabled and a photo is fully checked (face rows included). A new deployment is offered as
// "有新版本，点此刷新" and runs after the click, its old caches deleted. The face worker's own
// Content-Security-Policy (its response header) blocks a cross-origin fetch. Figures printed:
// offline cache sizes and offline time to first render.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openTab, assertClean, diagnostics, manifest, fixture, fmt, DIST, OUT, REPO } from './harness.mjs';
import { metaPolicy, headerPolicy } from './server.mjs';

const T = { timeout: 300_000 };
const FACE = manifest().files.find((f) => f.file === 'face-good.jpg') ?? assert.fail('face-good.jpg missing from the manifest');
const PANEL = '[data-testid="offline-panel"]';

/** The precache list scripts/site-files.mjs wrote into `root`/sw.js. */
function precache(root = DIST) {
  const line = fs.readFileSync(path.join(root, 'sw.js'), 'utf8').match(/^const PRECACHE = (.*);$/m);
  assert.ok(line, 'sw.js carries the precache list (scripts/site-files.mjs ran in the post_build hook)');
  return JSON.parse(line[1]);
}

/** Waits until a service worker controls the page and reports the pages stored. */
async function waitStored(page) {
  await page.waitForFunction(
    (sel) => navigator.serviceWorker?.controller && ['pages', 'ready'].includes(document.querySelector(sel)?.dataset.state),
    PANEL,
    { timeout: 120_000, polling: 100 },
  );
}

/** Every cache of the origin: name → [[url, body bytes, content-security-policy header]…]. */
function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = [];
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        out[name].push([request.url, (await response.arrayBuffer()).byteLength, response.headers.get('content-security-policy')]);
      }
    }
    return out;
  });
}

/**
 * Checks the caches hold exactly this version's files (nothing else: nothing picked or typed, no
 * blob:, no query strings) and returns { shell, face } byte sums.
 */
function assertCaches(contents, origin, list, { face }) {
  const names = Object.keys(contents);
  const shellName = names.find((n) => n.endsWith(`:shell:${list.version}`));
  const faceName = names.find((n) => n.endsWith(`:face:${list.version}`));
  assert.ok(shellName, `a shell cache of version ${list.version}: ${names}`);
  assert.deepEqual(names.filter((n) => n !== shellName && n !== faceName), [], 'no other caches');
  const url = ([p]) => new URL(p, origin + '/').href;
  const shell = contents[shellName];
  assert.deepEqual(shell.map(([u]) => u).sort(), list.shell.map(url).sort(), 'the shell cache holds exactly the shell files');
  const faceRows = faceName ? contents[faceName] : [];
  const allowed = new Set(list.face.map(url));
  for (const [u] of faceRows) assert.ok(allowed.has(u), `face cache holds only the listed face files, not ${u}`);
  if (face) assert.equal(faceRows.length, list.face.length, 'every face file is stored');
  for (const [u, bytes] of [...shell, ...faceRows]) {
    const [, , size] = [...list.shell, ...list.face].find((e) => url(e) === u);
    assert.equal(bytes, size, `${u}: stored whole`);
  }
  const loader = faceRows.find(([u]) => u.endsWith('/face_worker_loader.js'));
  if (face) {
    // Served from the cache offline, the worker still gets its policy from the stored headers.
    assert.ok(loader?.[2]?.includes("connect-src 'self'"), `stored worker script keeps its CSP header: ${loader?.[2]}`);
  }
  const sum = (rows) => rows.reduce((a, [, b]) => a + b, 0);
  return { shell: sum(shell), face: sum(faceRows) };
}

/** Network off and the server gone: nothing can come from anywhere but the service worker. */
async function goOffline(env, s) {
  await s.context.setOffline(true);
  await env.server.close();
  const probe = await s.page.evaluate((u) => fetch(u, { cache: 'no-store' }).then(() => 'reached', () => 'failed'), env.server.origin + '/nothing-here?x');
  assert.equal(probe, 'failed', 'the server is unreachable');
}

/** Opens `route` in a fresh tab with the HTTP cache disabled; returns the tab and ms to the first render. */
async function openOffline(s, route) {
  const tab = await openTab(s);
  const cdp = await s.context.newCDPSession(tab.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await tab.page.goto(`${s.server.origin}/${route}`, { waitUntil: 'load' });
  // First render: the shell's header and the route's own navigation entry, in the page's clock
  // (ms since the navigation started).
  const ms = await tab.page
    .waitForFunction(
      (href) => document.querySelector('select[name="profile"]') && document.querySelector(`nav a.active[href="${href}"]`) && performance.now(),
      route,
      { timeout: 30_000, polling: 'raf' },
    )
    .then((h) => h.jsonValue());
  return { tab, ms };
}

/** Checks the face fixture on `tab` (at #/photo): every expected row, face rows included. */
async function checkPhoto(tab) {
  const r = await tab.upload('photo-input', fixture(FACE.file));
  assert.equal(r.content?.state, 'ready', `content analysis finished offline: ${JSON.stringify(r.content)} ${fmt(r)}`);
  for (const [id, st] of Object.entries(FACE.expect.checks)) assert.equal(r.checks[id], st, `offline: row ${id} (${fmt(r)})`);
  assert.ok(Object.keys(r.checks).some((id) => id.startsWith('face.')), 'face rows shown');
  return r;
}

/** Runs `fn(env, s)` on a fresh server + browser + page at #/, closing everything afterwards. */
async function visit(fn, options = {}) {
  const env = await setup({ smoke: false, ...options });
  let s;
  try {
    s = await env.open('#/');
    return await fn(env, s);
  } catch (e) {
    if (s) e.message += '\n--- page diagnostics ---\n' + diagnostics(s);
    throw e;
  } finally {
    await s?.context.close().catch(() => {});
    await env.close();
  }
}

test('after one visit and one photo check: offline, every route renders and a photo is fully checked', T, () =>
  visit(async (env, s) => {
    const list = precache();
    const online = await s.page.evaluate(() => performance.now());
    await waitStored(s.page);
    const routes = await s.page.$$eval('nav.app-nav a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(routes.length >= 7 && routes.includes('#/photo'), `routes from the navigation: ${routes}`);
    await s.route('#/photo');
    await checkPhoto(s);
    // The worker and the models went through the service worker into its cache.
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.state === 'ready', PANEL, { timeout: 60_000 });
    const sizes = assertCaches(await cacheContents(s.page), s.server.origin, list, { face: true });
    await assertClean(s);

    await goOffline(env, s);
    const times = [];
    for (const route of routes) {
      const { tab, ms } = await openOffline(s, route);
      times.push(ms);
      console.log(`# offline ${route}: first render ${Math.round(ms)} ms`);
      if (route === '#/photo') {
        const r = await checkPhoto(tab);
        console.log(`# offline photo check: ${fmt(r)} load_ms=${r.content.loadMs} run_ms=${r.content.runMs}`);
      }
      await assertClean(tab);
      await tab.page.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `offline cache shell_bytes=${sizes.shell} face_bytes=${sizes.face} files=${list.shell.length}+${list.face.length}`,
    );
    console.log(
      `offline first-render routes=${times.length} median_ms=${Math.round(sorted[sorted.length >> 1])} max_ms=${Math.round(sorted.at(-1))} (first visit online: page ran at ${Math.round(online)} ms)`,
    );
    assert.deepEqual(s.offOrigin, [], 'nothing left the origin');
  }),
);

test('"离线也能用" stores the face files at once, with progress; then a photo is checked offline', T, () =>
  visit(async (env, s) => {
    const list = precache();
    await waitStored(s.page);
    assert.equal(await s.page.$eval(PANEL, (el) => el.dataset.state), 'pages', 'face files are not stored before they are asked for');
    // Every text the panel shows while it works.
    await s.page.evaluate((sel) => {
      window.__offlineTexts = [];
      const panel = document.querySelector(sel);
      new MutationObserver(() => window.__offlineTexts.push(`${panel.dataset.state}: ${panel.innerText}`)).observe(panel, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    }, PANEL);
    await s.page.click('[data-testid="offline-button"]');
    await s.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.state === 'ready', PANEL, { timeout: 120_000 });
    const texts = await s.page.evaluate(() => window.__offlineTexts);
    assert.ok(texts.some((t) => t.startsWith('downloading: ') && /\d+\/\d+ 个文件/.test(t)), `progress shown: ${texts.join(' | ')}`);
    assert.match(await s.page.innerText(PANEL), /已可离线使用/);
    assertCaches(await cacheContents(s.page), s.server.origin, list, { face: true });
    assert.equal(s.page.workers().length, 0, 'no face worker was started: the service worker fetched the files');

    await goOffline(env, s);
    const { tab, ms } = await openOffline(s, '#/photo');
    console.log(`# offline #/photo after "离线也能用": first render ${Math.round(ms)} ms`);
    await checkPhoto(tab);
    await assertClean(tab);
  }),
);

test('a new deployment: the page offers "有新版本，点此刷新", the click runs the new version, old caches go', T, async () => {
  // A copy of dist/ is the deployment (its index.html minified: no <head> tag to hook on); the second one changes index.html and a data file and gets
  // its precache list regenerated, exactly as a new build's post_build hook would.
  const site = path.join(OUT, 'update-site');
  fs.rmSync(site, { recursive: true, force: true });
  fs.cpSync(DIST, site, { recursive: true, preserveTimestamps: true });
  await visit(
    async (env, s) => {
      const v1 = precache(site).version;
      await waitStored(s.page);
      const html = path.join(site, 'index.html');
      fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace('<meta', '<meta name="e2e-build" content="2"><meta'));
      fs.appendFileSync(path.join(site, 'data', 'README.md'), '\n(second deployment)\n');
      execFileSync('node', [path.join(REPO, 'scripts', 'site-files.mjs'), site], { stdio: 'pipe' });
      const v2 = precache(site).version;
      assert.notEqual(v2, v1, 'the changed files make a new version');

      // A visit after the deployment: the old version still answers (from its cache) and the
      // browser finds the new worker.
      await s.page.reload({ waitUntil: 'load' });
      await s.page.waitForSelector('select[name="profile"]', { state: 'attached' });
      await s.page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      await s.page.waitForSelector('[data-testid="update-banner"]', { state: 'visible', timeout: 120_000 });
      assert.equal(await s.page.$('meta[name="e2e-build"]'), null, 'the old version runs until the click');
      await Promise.all([s.page.waitForEvent('load', { timeout: 60_000 }), s.page.click('[data-testid="update-banner"]')]);
      await s.page.waitForSelector('meta[name="e2e-build"][content="2"]', { state: 'attached', timeout: 30_000 });
      await waitStored(s.page);
      assert.equal(await s.page.$('[data-testid="update-banner"]'), null, 'no banner on the new version');
      const names = await s.page.evaluate(() => caches.keys());
      assert.ok(names.some((n) => n.endsWith(`:shell:${v2}`)), `new cache: ${names}`);
      assert.deepEqual(names.filter((n) => n.includes(v1)), [], `old caches deleted: ${names}`);
      console.log(`# update ${v1} → ${v2}: caches ${names.join(', ')}`);
      await assertClean(s);
    },
    { root: site },
  );
});

/** Starts the face worker with a photo check and fetches a cross-origin URL from inside it. */
async function fetchFromWorker(s) {
  await s.route('#/photo');
  const r = await s.upload('photo-input', fixture(FACE.file));
  assert.equal(r.content?.state, 'ready', fmt(r));
  const worker = s.page.workers().find((w) => /face_worker/.test(w.url())) ?? assert.fail(`no face worker: ${s.page.workers().map((w) => w.url())}`);
  return worker.evaluate(async () => {
    const violations = [];
    self.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const outcome = await fetch('http://example.com/leak').then(
      () => 'fetched',
      (e) => `failed: ${e}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    return { outcome, violations };
  });
}

test("the face worker's Content-Security-Policy (its own response header) blocks a cross-origin fetch", T, async () => {
  const blocked = await visit(async (env, s) => {
    const got = await fetchFromWorker(s);
    // Blocked by the policy before any request was made: the origin guard saw nothing.
    assert.deepEqual(s.offOrigin, [], 'the request never left the worker');
    return got;
  });
  console.log(`# worker CSP on: ${JSON.stringify(blocked)}`);
  assert.match(blocked.outcome, /^failed/);
  assert.ok(blocked.violations.includes('connect-src'), `a connect-src violation in the worker: ${JSON.stringify(blocked)}`);
  // Control: the same server without the header. The page's <meta> policy does not reach the
  // worker, so the request goes out (and the test's origin guard catches and aborts it).
  const open = await visit(async (env, s) => ({ ...(await fetchFromWorker(s)), offOrigin: s.offOrigin }), { server: { csp: false } });
  console.log(`# worker CSP off (control): ${JSON.stringify(open)}`);
  assert.ok(open.offOrigin.some((u) => u.includes('example.com/leak')), `without the header the worker's request goes out: ${JSON.stringify(open)}`);
});

test('the web app manifest is valid and the browser finds the site installable', T, () =>
  visit(async (env, s) => {
    await waitStored(s.page);
    const cdp = await s.context.newCDPSession(s.page);
    const app = await cdp.send('Page.getAppManifest');
    assert.deepEqual(app.errors.filter((e) => e.critical), [], `manifest errors: ${JSON.stringify(app.errors)}`);
    if (app.errors.length) console.log(`# manifest warnings: ${JSON.stringify(app.errors)}`);
    const m = JSON.parse(app.data);
    assert.equal(m.name, '中招报名自查助手');
    assert.equal(m.display, 'standalone');
    assert.ok(m.icons.some((i) => i.sizes === '512x512') && m.icons.some((i) => i.type === 'image/svg+xml'));
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are incognito-like, which alone keeps Chromium from offering the install.
    const errors = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
    assert.deepEqual(errors, [], `installability: ${JSON.stringify(installabilityErrors)}`);
    await assertClean(s);
  }),
);

test('deploy/nginx.conf sends the same policy as the page and the test server', () => {
  const conf = fs.readFileSync(path.join(REPO, 'deploy', 'nginx.conf'), 'utf8');
  const policy = headerPolicy(metaPolicy(DIST));
  assert.ok(conf.includes(`"${policy}"`), `nginx.conf must carry the policy ${policy}`);
  assert.ok(!/script-src[^;]*unsafe-inline/.test(policy), 'no inline scripts allowed');
  // The build made the compressed twins the servers send.
  const wasm = fs.readdirSync(DIST).filter((f) => f.endsWith('_bg.wasm'));
  assert.ok(wasm.length >= 2);
  for (const f of wasm) for (const ext of ['.br', '.gz']) assert.ok(fs.existsSync(path.join(DIST, f + ext)), `${f}${ext} made at build time`);
});
