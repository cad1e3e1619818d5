/**
 * The emulator's HTTP core: one listener on 127.0.0.1, a small route table, and the SDK's
 * `POST /admin` endpoint dispatched to the parts (database, storage, functions, wx) by action.
 * CloudBase answers every API call with HTTP 200 and an error body `{code, message, requestId}`;
 * this does the same so the real SDK throws exactly what it throws in production.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AdminActionHandler, EmulatorError, RequestMeta } from '../contracts';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer) => Promise<void> | void;

interface Route {
  method: string;
  /** Exact path, or a prefix when it ends with '/'. */
  path: string;
  handler: RouteHandler;
}

export interface AdminObserver {
  (event: { action: string; meta: RequestMeta; ms: number; code?: string }): void;
}

/** Largest request body accepted (uploads included). */
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export class EmulatorHttpServer {
  private readonly routes: Route[] = [];
  private readonly adminHandlers: AdminActionHandler[] = [];
  private readonly adminObservers: AdminObserver[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor() {
    this.route('POST', '/admin', (req, res, url, body) => this.handleAdmin(req, res, url, body));
  }

  /** Register a route. A path ending in '/' matches every path below it. */
  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.push({ method: method.toUpperCase(), path, handler });
  }

  addAdminHandler(handler: AdminActionHandler): void {
    this.adminHandlers.push(handler);
  }

  onAdmin(observer: AdminObserver): void {
    this.adminObservers.push(observer);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; url: string }> {
    const server = http.createServer((req, res) => void this.dispatch(req, res));
    // Idle keep-alive connections are closed by the client first: Node's global agent (which the
    // SDK uses unless told `keepalive`) drops an idle socket after 5 s and the SDK's keep-alive
    // agent after 4.8 s. A server that also closed at 5 s raced them: a request sent on a socket
    // the server was closing at that moment failed with ECONNRESET (seen as INTERNAL by a screen
    // on a busy machine). 65 s, as load balancers in front of Node use.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    return { port: addr.port, url: `http://${host}:${addr.port}` };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    setCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const route = this.routes.find(
      (r) => r.method === method && (r.path.endsWith('/') ? url.pathname.startsWith(r.path) : url.pathname === r.path),
    );
    if (!route) {
      sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${method} ${url.pathname}` });
      return;
    }
    try {
      const body = await readBody(req);
      await route.handler(req, res, url, body);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof EmulatorError) {
        sendJson(res, err.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400, { code: err.code, message: err.message });
      } else {
        console.error('[emulator] route failed', err);
        sendJson(res, 500, { code: 'SYS_ERR', message: String((err as Error)?.message ?? err) });
      }
    }
  }

  private async handleAdmin(_req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const requestId = randomUUID();
    const started = performance.now();
    let action = '(unparsed)';
    let meta: RequestMeta = { requestId };
    const answer = (payload: Record<string, unknown>, code?: string) => {
      for (const o of this.adminObservers) o({ action, meta, ms: performance.now() - started, code });
      sendJson(res, 200, { ...payload, requestId });
    };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8'));
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('body is not an object');
    } catch (e) {
      answer({ code: 'INVALID_PARAM', message: `request body is not valid JSON: ${(e as Error).message}` }, 'INVALID_PARAM');
      return;
    }
    action = typeof body.action === 'string' ? body.action : '';
    meta = {
      requestId,
      invocationToken: typeof body.wxCloudApiToken === 'string' && body.wxCloudApiToken ? body.wxCloudApiToken : undefined,
      reads: { examined: 0, returned: 0 },
      collection: typeof body.collectionName === 'string' ? body.collectionName : undefined,
    };
    void url;
    const handler = this.adminHandlers.find((h) => h.handles(action));
    if (!handler) {
      answer({ code: 'INVALID_ACTION', message: `unknown action: ${action || '(none)'}` }, 'INVALID_ACTION');
      return;
    }
    try {
      const result = await handler.handle(action, body, meta);
      answer(result);
    } catch (err) {
      if (err instanceof EmulatorError) {
        answer({ code: err.code, message: err.message }, err.code);
      } else {
        console.error(`[emulator] ${action} failed`, err);
        answer({ code: 'SYS_ERR', message: `internal error in ${action}: ${(err as Error)?.message ?? err}` }, 'SYS_ERR');
      }
    }
  }
}

export function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function setCors(req: http.IncomingMessage, res: http.ServerResponse): void {
  // The H5 dev build is served from another port; the gateway is a development tool on loopback.
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('access-control-allow-methods', 'GET,POST,PUT,DELETE,OPTIONS');
  res.setHeader('access-control-allow-headers', 'content-type,x-openid,x-request-id,x-idempotency-key');
  res.setHeader('access-control-expose-headers', 'x-request-id');
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new EmulatorError('PAYLOAD_TOO_LARGE', `request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
