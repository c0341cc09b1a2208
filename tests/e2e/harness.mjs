// Shared browser-test harness: static server + Debian Chromium via playwright-core (never downloads a
// browser), one fresh browser context per test, a guard that records every request leaving the
// server's origin, page/console error collection, and helpers for the app's UI contract
// (data-testid / data-report / data-check attributes).

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(E2E_DIR, '..', '..');
export const DIST = path.resolve(process.env.E2E_DIST ?? path.join(REPO, 'dist'));
export const FIXTURES = path.resolve(process.env.E2E_FIXTURES ?? path.join(E2E_DIR, '.fixtures'));
export const OUT = path.resolve(process.env.E2E_OUT ?? path.join(E2E_DIR, '.out'));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
/** How long to wait for the app to react to one action (a 12 MP photo in wasm can take a while). */
export const ACTION_TIMEOUT = Number(process.env.E2E_ACTION_TIMEOUT ?? 60_000);

/** Reads tests/e2e/.fixtures/manifest.json (written by `cargo run --example make_fixtures`). */
export function manifest() {
  const file = path.join(FIXTURES, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new Error(`${file} missing: run cargo run --example make_fixtures -- ${FIXTURES}`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export const fixture = (name) => path.join(FIXTURES, name);

/** Lets Leptos flush its effects (two animation frames). */
export const frames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Starts the static server on a free port and launches Chromium. Returns an env with
 * `open(route, opts)` and `close()`. `root` defaults to dist/; `server` holds startServer's options; `args` are
 * extra Chromium switches (the fake camera). With `smoke` (default) the app is
 * loaded once first; if that fails, `open` throws the reason immediately.
 */
export async function setup({ root = DIST, smoke = true, server: serverOptions = {}, args = [] } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: run trunk build --release first`);
  }
  const server = await startServer(root, 0, '127.0.0.1', serverOptions);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...args] });
  fs.mkdirSync(OUT, { recursive: true });
  // Smoke load: if the app cannot start at all (e.g. a broken wasm-opt pass), every test fails at
  // once with that reason instead of each waiting 30 s for the same thing.
  let broken = null;
  if (smoke) {
    let s;
    try {
      s = await openPage(browser, server, '#/', {});
      await assertClean(s);
    } catch (e) {
      broken = `the app does not start (smoke load of #/ failed): ${e.message}` + (s ? '\n' + diagnostics(s) : '');
    } finally {
      await s?.context.close().catch(() => {});
    }
  }
  return {
    server,
    browser,
    broken,
    open: (route = '#/', opts = {}) => {
      if (broken) throw new Error(broken);
      return openPage(browser, server, route, opts);
    },
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * A fresh context + page at `route` (a hash route such as '#/photo', or a path). Records:
 *   offOrigin     every request whose origin is not the server's (data: and blob: are allowed);
 *                 such requests are also aborted so nothing can leave the machine
 *   pageErrors    uncaught exceptions (`pageerror`)
 *   consoleErrors console.error messages; those that look like a Rust panic also go to `panics`
 * `waitFor` (default 'select[name="profile"]', which every page has) is awaited after loading;
 * pass `waitFor: null` to skip.
 */
export async function openPage(browser, server, route, { waitFor = 'select[name="profile"]', onResponse } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const s = {
    context,
    page: null,
    server,
    offOrigin: [],
    pageErrors: [],
    consoleErrors: [],
    consoleLog: [],
    panics: [],
  };
  const allowed = (url) => {
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
    try {
      return new URL(url).origin === server.origin;
    } catch {
      return false;
    }
  };
  context.on('request', (req) => {
    if (!allowed(req.url())) s.offOrigin.push(`${req.method()} ${req.url()}`);
  });
  await context.route(
    (url) => !allowed(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  // Requests the page's own Content-Security-Policy blocks never reach the network (so the guard
  // above cannot see them): record CSP violations too, they count as attempts to leave the origin.
  await context.addInitScript(() => {
    window.__e2eCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__e2eCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
    });
  });
  const page = await context.newPage();
  s.page = page;
  watchPage(s, page);
  if (onResponse) page.on('response', onResponse);
  await page.goto(server.origin + '/' + (route.startsWith('#') ? route : route.replace(/^\//, '')), { waitUntil: 'load' });
  if (waitFor) {
    try {
      await page.waitForSelector(waitFor, { state: 'attached', timeout: 30_000 });
    } catch (e) {
      throw new Error(`app did not render ${waitFor} at ${route}: ${e.message}\n${diagnostics(s)}`);
    }
  }
  return Object.assign(s, bindHelpers(s));
}

/** Records `page`'s errors, console and panics into session `s`. */
function watchPage(s, page) {
  page.setDefaultTimeout(ACTION_TIMEOUT);
  page.on('pageerror', (err) => s.pageErrors.push(String(err?.stack ?? err)));
  page.on('console', (msg) => {
    const text = msg.text();
    s.consoleLog.push(`${msg.type()}: ${text}`);
    if (msg.type() === 'error') {
      s.consoleErrors.push(text);
      if (/panicked at|RuntimeError: unreachable|wasm-bindgen: imported JS function that was not marked as `catch` threw/i.test(text)) {
        s.panics.push(text);
      }
    }
  });
  page.on('crash', () => s.pageErrors.push('page crashed (renderer process gone)'));
}

/**
 * A second page (tab) of session `s`'s context, as a session of its own: its errors are recorded in
 * `s`'s lists, and the UI helpers work on it. The context's origin guard covers it already.
 */
export async function openTab(s) {
  const page = await s.context.newPage();
  watchPage(s, page);
  const tab = { ...s, page };
  return Object.assign(tab, bindHelpers(tab));
}

/** A readable dump of what the page said, for failure messages. */
export function diagnostics(s) {
  const parts = [];
  if (s.pageErrors.length) parts.push('page errors:\n  ' + s.pageErrors.join('\n  '));
  if (s.panics.length) parts.push('panics:\n  ' + s.panics.join('\n  '));
  if (s.consoleErrors.length) parts.push('console errors:\n  ' + s.consoleErrors.slice(0, 20).join('\n  '));
  if (s.offOrigin.length) parts.push('off-origin requests:\n  ' + s.offOrigin.join('\n  '));
  return parts.join('\n');
}

/** Fails if anything left the origin, the page threw, Rust panicked, or #panic-overlay is shown. */
export async function assertClean(s) {
  assert.deepEqual(s.offOrigin, [], 'requests left the origin');
  assert.deepEqual(s.pageErrors, [], 'page errors');
  assert.deepEqual(s.panics, [], 'wasm panics');
  if (!s.page.isClosed()) {
    const csp = await s.page.evaluate(() => window.__e2eCsp ?? []).catch(() => []);
    assert.deepEqual(csp, [], 'Content-Security-Policy violations');
    const overlay = await s.page.locator('#panic-overlay').count();
    if (overlay > 0) {
      const visible = await s.page.locator('#panic-overlay').first().isVisible();
      assert.ok(!visible, `#panic-overlay is shown: ${await s.page.locator('#panic-overlay').first().innerText()}`);
    }
  }
}

/**
 * Runs `fn(session)` on a fresh page at `route`, then asserts the session is clean (no off-origin
 * requests, no page errors, no panic) and closes the context. Diagnostics are attached to failures.
 */
export async function withPage(env, route, fn, opts) {
  const s = await env.open(route, opts);
  try {
    const result = await fn(s);
    await assertClean(s);
    return result;
  } catch (e) {
    const d = diagnostics(s);
    if (d && e && typeof e === 'object') e.message += '\n--- page diagnostics ---\n' + d;
    throw e;
  } finally {
    await s.context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// UI contract helpers
// ---------------------------------------------------------------------------------------------

/** In-page: a string that changes whenever the input report or the file error changes. */
function stateKey() {
  const r = document.querySelector('[data-report="input"]');
  const e = document.querySelector('[data-testid="file-error"]');
  return (r ? r.outerHTML : '') + '\u0000' + (e ? e.outerHTML : '');
}

/** Reads a report (`which` = 'input' | 'fixed') and the controls around it. */
/** One line describing a report read by readState(), for assertion messages and logs. */
export const fmt = (r) => `verdict=${r.verdict} checks=${JSON.stringify(r.checks)} error=${JSON.stringify(r.error)}`;

export async function readState(page, which = 'input') {
  return page.evaluate((which) => {
    const r = document.querySelector(`[data-report="${which}"]`);
    const checks = {};
    if (r) {
      for (const el of r.querySelectorAll('[data-check]')) {
        if (el.closest('[data-report]') !== r) continue; // rows of a nested report belong to it
        checks[el.getAttribute('data-check')] = el.getAttribute('data-status');
      }
    }
    const err = document.querySelector('[data-testid="file-error"]');
    const fix = document.querySelector('[data-testid="fix-button"]');
    const dl = document.querySelector('a[data-testid="download-fixed"]');
    const visible = (el) => !!el && !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    return {
      present: !!r,
      verdict: r?.getAttribute('data-verdict') ?? null,
      ms: r?.hasAttribute('data-ms') ? Number(r.getAttribute('data-ms')) : null,
      fixMs: r?.hasAttribute('data-fix-ms') ? Number(r.getAttribute('data-fix-ms')) : null,
      checks,
      text: r ? r.innerText.slice(0, 1500) : '',
      error: visible(err) ? err.innerText.trim() : err ? err.textContent.trim() : null,
      fixPresent: !!fix,
      fixEnabled: !!fix && !fix.disabled && fix.getAttribute('aria-disabled') !== 'true',
      download: dl ? dl.getAttribute('download') : null,
      href: dl ? dl.getAttribute('href') : null,
    };
  }, which);
}

/** The rows judged from the file itself (format, size, pixels, density, colour, name). */
export const FILE_ROWS = ['file.format', 'file.size', 'file.name', 'image.dimensions', 'image.dpi', 'image.color'];

/** The verdict of a report's file rows alone: the photo report also holds content rows
 * (face, background, …) that the file-rule tests do not judge. */
export function fileVerdict(r) {
  const statuses = FILE_ROWS.map((id) => r.checks[id]).filter(Boolean);
  if (statuses.length === 0) return r.verdict;
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('warn') || statuses.includes('manual')) return 'warn';
  return 'pass';
}

/**
 * Waits until the photo's content analysis (face models in the worker) for `which` ('input' or
 * 'fixed') has finished: its status element leaves data-state="working". No-op on pages without one.
 */
export async function waitContent(page, which = 'input', timeout = ACTION_TIMEOUT) {
  const sel = `[data-testid="content-status-${which}"]`;
  if (!(await page.$(sel))) return null;
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') !== 'working', sel, {
    timeout,
    polling: 100,
  });
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const num = (a) => (el?.hasAttribute(a) ? Number(el.getAttribute(a)) : null);
    return {
      state: el?.getAttribute('data-state') ?? null,
      text: el?.textContent ?? '',
      loadMs: num('data-load-ms'),
      runMs: num('data-run-ms'),
      checkMs: num('data-check-ms'),
    };
  }, sel);
}

/** Waits until `key()` stays the same for `quietMs`. */
async function settle(page, quietMs = 250, timeout = ACTION_TIMEOUT) {
  const end = Date.now() + timeout;
  let last = await page.evaluate(stateKey);
  let since = Date.now();
  while (Date.now() < end) {
    await page.waitForTimeout(50);
    const cur = await page.evaluate(stateKey);
    if (cur !== last) {
      last = cur;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}

function bindHelpers(s) {
  const { page } = s;
  return {
    /** Navigates (inside the same page) to a hash route. */
    async route(hash) {
      await page.evaluate((h) => {
        location.hash = h;
      }, hash);
      await page.waitForFunction((h) => location.hash === h, hash);
    },

    /**
     * Chooses `file` in the file input with `data-testid=testid` (or in `chooser`, a file chooser
     * the page opened) and waits for a new input report (with data-verdict) or a file error.
     * Returns readState('input') plus `wallMs`.
     */
    async upload(testid, file, { chooser } = {}) {
      const before = await page.evaluate(stateKey);
      const t0 = Date.now();
      if (chooser) await chooser.setFiles(file);
      else await page.setInputFiles(`input[type="file"][data-testid="${testid}"]`, file);
      try {
        await page.waitForFunction(
          (prev) => {
            const r = document.querySelector('[data-report="input"]');
            const e = document.querySelector('[data-testid="file-error"]');
            const cur = (r ? r.outerHTML : '') + '\u0000' + (e ? e.outerHTML : '');
            return cur !== prev && ((r && r.getAttribute('data-verdict')) || e);
          },
          before,
          { timeout: ACTION_TIMEOUT, polling: 50 },
        );
      } catch (e) {
        throw new Error(`no report or file error after choosing ${path.basename(file)}: ${e.message}`);
      }
      const wallMs = Date.now() - t0;
      const content = await waitContent(page, 'input');
      await settle(page);
      return { ...(await readState(page, 'input')), wallMs, content };
    },

    /** Clicks the fix button, waits for the fixed report and the download link. */
    async fix() {
      const t0 = Date.now();
      await page.click('[data-testid="fix-button"]');
      try {
        await page.waitForSelector('[data-report="fixed"][data-verdict]', { state: 'attached', timeout: ACTION_TIMEOUT });
        await page.waitForSelector('a[data-testid="download-fixed"][download]', { state: 'attached', timeout: ACTION_TIMEOUT });
      } catch (e) {
        throw new Error(`fix produced no fixed report / download link: ${e.message}`);
      }
      const wallMs = Date.now() - t0;
      const content = await waitContent(page, 'fixed');
      await settle(page);
      return { ...(await readState(page, 'fixed')), wallMs, content };
    },

    /**
     * Clicks the download link, saves the file as OUT/<subdir>/<suggested name> and returns
     * { path, bytes, suggested, attr }.
     */
    async download(subdir) {
      const attr = await page.getAttribute('a[data-testid="download-fixed"]', 'download');
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click('a[data-testid="download-fixed"]')]);
      const suggested = dl.suggestedFilename();
      const dir = path.join(OUT, subdir);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, suggested || 'download.bin');
      await dl.saveAs(file);
      const failure = await dl.failure();
      assert.equal(failure, null, `download failed: ${failure}`);
      return { path: file, bytes: fs.readFileSync(file), suggested, attr };
    },

    /** Types into the ID number field (triggers input + change). */
    async setIdNumber(id) {
      await page.fill('input[name="id_number"]', id);
      await page.dispatchEvent('input[name="id_number"]', 'change');
    },

    /**
     * Decodes JPEG/PNG bytes with the browser and returns { w, h, at(fx, fy) → [r,g,b] mean of a 5×5
     * block at fractional position }. Used to check a fixed photo is upright.
     */
    async probe(bytes, type = 'image/jpeg', points = {}) {
      return page.evaluate(
        async ({ b64, type, points }) => {
          const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const bmp = await createImageBitmap(new Blob([bin], { type }));
          const c = new OffscreenCanvas(bmp.width, bmp.height);
          const ctx = c.getContext('2d');
          ctx.drawImage(bmp, 0, 0);
          const out = { w: bmp.width, h: bmp.height, at: {} };
          for (const [name, [fx, fy]] of Object.entries(points)) {
            const x = Math.max(0, Math.round(fx * bmp.width) - 2);
            const y = Math.max(0, Math.round(fy * bmp.height) - 2);
            const d = ctx.getImageData(x, y, 5, 5).data;
            const m = [0, 0, 0];
            for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) m[k] += d[i + k];
            out.at[name] = m.map((v) => Math.round(v / (d.length / 4)));
          }
          return out;
        },
        { b64: Buffer.from(bytes).toString('base64'), type, points },
      );
    },
  };
}

/** Probe points of the synthetic portrait (tests/support/fixtures.rs `portrait`), fractions of w/h. */
export const PORTRAIT_PROBES = {
  background: [0.08, 0.2], // blue backdrop
  cheek: [0.42, 0.45], // skin
  badge: [0.734, 0.754], // red badge on the image's right
  mirrorOfBadge: [0.266, 0.754], // navy jacket
};

/** Checks a decoded portrait is upright and not mirrored. */
export function assertUprightPortrait(p, label = '') {
  const { background: bg, cheek, badge, mirrorOfBadge: nb } = p.at;
  assert.ok(bg[2] > 170 && bg[2] > bg[0] + 80, `${label} backdrop should be blue at top-left, got ${bg}`);
  assert.ok(cheek[0] > 170 && cheek[0] > cheek[2] + 25, `${label} cheek should be skin-coloured, got ${cheek}`);
  assert.ok(badge[0] > 140 && badge[1] < 90, `${label} red badge should be at the image's right, got ${badge}`);
  assert.ok(nb[0] < 80 && nb[2] < 120, `${label} mirror position of the badge should be navy, got ${nb}`);
}

export const isJpeg = (bytes) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;

/**
 * Waits until `cond()` (sync or async, evaluated in Node) is true; fails with `what` after
 * `timeout` ms. For state the harness records outside the page (off-origin requests, page errors).
 */
export async function until(cond, what, timeout = 5_000) {
  const end = Date.now() + timeout;
  while (!(await cond())) {
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
