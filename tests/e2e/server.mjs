// A tiny static file server for dist/ (no dependencies).
//
//   import { startServer } from './server.mjs'; const s = await startServer('dist'); ... await s.close();
//   node tests/e2e/server.mjs [root=dist] [port=0]      (standalone; port 0 picks a free port)
//
// Binds 127.0.0.1 only. Correct MIME types (application/wasm for .wasm so streaming compilation
// works), `Cache-Control: no-store` so a rebuilt dist/ is always what the browser sees, no
// compression (the tests compute gzip sizes themselves), `/` and unknown extension-less paths
// serve index.html, and no path can escape the root.

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

/** Starts the server; resolves to { url, origin, port, root, log, close() }. `log` lists served paths. */
export function startServer(root = 'dist', port = 0, host = '127.0.0.1') {
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
    log.push({ path: pathname, status: 200, bytes: stat.size });
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
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
