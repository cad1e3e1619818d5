/**
 * A tiny static file server (node:http) for the H5 build: loopback only, any free port. `replace`
 * swaps a string in the JavaScript and HTML it serves (the build's gateway placeholder for the
 * worker's emulator, e2e/support/constants.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root()` (read per request, so the folder may be filled after the server starts). */
export async function serveStatic(root: () => string, replace?: { from: string; to: string }): Promise<StaticServer> {
  // Rewritten files, by path: every fresh browser context loads the whole bundle again.
  const rewritten = new Map<string, string>();
  const server = http.createServer((req, res) => {
    try {
      const dir = path.resolve(root());
      const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = path.resolve(dir, `.${urlPath}`);
      if (!file.startsWith(dir)) {
        res.writeHead(403).end();
        return;
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      // Hash routing: every route is index.html; a missing asset is a real 404.
      if (!fs.existsSync(file)) {
        if (path.extname(urlPath)) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        file = path.join(dir, 'index.html');
      }
      let body: Buffer | string = fs.readFileSync(file);
      if (replace && /\.(js|mjs|html)$/.test(file)) {
        const text = rewritten.get(file) ?? body.toString('utf8').split(replace.from).join(replace.to);
        rewritten.set(file, text);
        body = text;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
