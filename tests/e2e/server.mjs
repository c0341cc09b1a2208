// A tiny static file server for dist/ (no dependencies), sending the headers a deployment should
// send (deploy/nginx.conf does the same), so the e2e tests exercise them:
//   Content-Security-Policy  the policy of dist/index.html's <meta> tag plus frame-ancestors, on every
//                            response: a worker's policy comes from its own script's response
//   Cache-Control            immutable for trunk's hashed file names, no-cache (revalidate by ETag)
//                            for everything else: index.html, sw.js, the worker, data, models
//   Content-Encoding         the build's .br/.gz twin when the request accepts it
//   application/wasm         so streaming compilation works
//
//   import { startServer } from './server.mjs'; const s = await startServer('dist'); ... await s.close();
//   node tests/e2e/server.mjs [root=dist] [port=0]      (standalone; port 0 picks a free port)
//
// Binds 127.0.0.1 only; `/` and unknown extension-less paths serve index.html; no path can escape
// the root. `{ csp: false }` leaves the policy header out (the worker-CSP test's control).

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** trunk's content-hashed names (`main-0123456789abcdef.css`, `app-…_bg.wasm`): never change. */
export const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

/** The Content-Security-Policy of `root`/index.html's <meta> tag, or null if it has none. */
export function metaPolicy(root) {
  const html = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  // Quoted or not: the release build minifies index.html (Trunk.toml).
  const tag = html.match(/<meta[^>]+http-equiv="?Content-Security-Policy"?[^>]*>/i);
  return tag?.[0].match(/content="([^"]*)"/)?.[1] ?? null;
}

/** The policy header: the page's own policy, plus what only a header can say. */
export const headerPolicy = (meta) => `${meta}; frame-ancestors 'none'`;

/** Cache-Control for a served path. */
export const cacheControl = (pathname) => (HASHED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');

/** The twin to send for `accept` (an Accept-Encoding header): ['br', '.br'], ['gzip', '.gz'] or null. */
function encodingFor(accept, file) {
  const accepted = new Set(
    String(accept ?? '')
      .split(',')
      .map((t) => t.trim().split(';'))
      .filter(([, q]) => !q || Number(q.split('=')[1]) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepted.has(name) && fs.existsSync(file + ext)) return [name, ext];
  }
  return null;
}

/** Starts the server; resolves to { url, origin, port, root, log, close() }. `log` lists served paths. */
export function startServer(root = 'dist', port = 0, host = '127.0.0.1', { csp = true } = {}) {
  const absRoot = path.resolve(root);
  const log = [];
  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    let file = path.resolve(absRoot, '.' + pathname);
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(403, 'forbidden');
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat && path.extname(pathname) === '') {
      // Client-side routes fall back to the app shell.
      file = path.join(absRoot, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat || !stat.isFile()) {
      log.push({ path: pathname, status: 404 });
      return send(404, 'not found');
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers = {
      'Content-Type': type,
      'Cache-Control': cacheControl(pathname),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    const meta = csp && fs.existsSync(path.join(absRoot, 'index.html')) ? metaPolicy(absRoot) : null;
    if (meta) headers['Content-Security-Policy'] = headerPolicy(meta);
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    headers.ETag = etag;
    if (req.headers['if-none-match'] === etag) {
      log.push({ path: pathname, status: 304 });
      res.writeHead(304, headers);
      return res.end();
    }
    const encoding = encodingFor(req.headers['accept-encoding'], file);
    if (fs.existsSync(file + '.br') || fs.existsSync(file + '.gz')) headers.Vary = 'Accept-Encoding';
    let body = file;
    if (encoding) {
      headers['Content-Encoding'] = encoding[0];
      body = file + encoding[1];
    }
    const size = fs.statSync(body).size;
    headers['Content-Length'] = size;
    log.push({ path: pathname, status: 200, bytes: stat.size, sent: size, encoding: encoding?.[0] ?? null });
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(body).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const origin = `http://${host}:${actual}`;
      resolve({
        url: origin + '/',
        origin,
        port: actual,
        root: absRoot,
        log,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

// Standalone: node server.mjs [root] [port]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 0);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`server.mjs: ${path.resolve(root)}/index.html not found (run trunk build --release first)`);
    process.exit(1);
  }
  const s = await startServer(root, port);
  console.log(`serving ${s.root} on ${s.url}`);
  const stop = async () => {
    await s.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
