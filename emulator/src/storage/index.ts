/**
 * The emulator's cloud storage: the SDK's `storage.*` actions plus the two HTTP routes the SDK
 * talks to directly: the upload URL it PUTs a file to (COS in production) and the temporary
 * download URL it hands out. Files live under `<dataDir>/storage/objects`, each with a small
 * JSON sidecar under `<dataDir>/storage/meta` holding its content type.
 *
 * Upload and download URLs are signed with a per-process secret (HMAC over path and expiry),
 * so a tampered or expired URL is refused the way COS refuses it: 403 with an XML error body.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { AdminActionHandler, RequestMeta } from '../contracts';
import { EmulatorError } from '../contracts';
import { assertBatchSize } from './limits';
import type { EmulatorHttpServer } from '../http/server';

export interface StorageOptions {
  dataDir: string;
  /** Base URL clients reach the emulator at, e.g. http://127.0.0.1:5000 (see setPublicBaseUrl). */
  publicBaseUrl: string;
  /** Env id used in fileIDs when a request does not carry one (default 'local'). */
  envName?: string;
  /** Lifetime of a download URL when the caller gives no maxAge (default 1 day, like CloudBase). */
  defaultMaxAgeSeconds?: number;
  /** Lifetime of an upload URL (default 10 minutes). */
  uploadTtlSeconds?: number;
}

interface FileMeta {
  contentType: string;
  size: number;
  uploadedAt: string;
}

const MAX_PATH_LENGTH = 850;
/** The dev upload's writable root (`uploads/<openid>/…`) and its size cap (a dev guard, not a platform limit). */
const DEV_UPLOAD_ROOT = 'uploads';
const DEV_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
const DEV_UPLOAD_OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const FAKE_APPID = '1250000000';

const EXTENSION_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.zip': 'application/zip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export class Storage implements AdminActionHandler {
  private publicBaseUrl: string;
  private readonly objectsDir: string;
  private readonly metaDir: string;
  private readonly secret = randomBytes(32);
  private readonly envName: string;
  private readonly defaultMaxAge: number;
  private readonly uploadTtl: number;

  constructor(options: StorageOptions) {
    this.publicBaseUrl = trimSlash(options.publicBaseUrl);
    this.objectsDir = path.join(options.dataDir, 'storage', 'objects');
    this.metaDir = path.join(options.dataDir, 'storage', 'meta');
    this.envName = options.envName ?? 'local';
    this.defaultMaxAge = options.defaultMaxAgeSeconds ?? 86_400;
    this.uploadTtl = options.uploadTtlSeconds ?? 600;
  }

  /** The port is known only after listen(); the composition layer sets the final base URL then. */
  setPublicBaseUrl(url: string): void {
    this.publicBaseUrl = trimSlash(url);
  }

  handles(action: string): boolean {
    return action.startsWith('storage.');
  }

  async handle(action: string, body: Record<string, unknown>, _meta: RequestMeta): Promise<Record<string, unknown>> {
    const env = typeof body.envName === 'string' && body.envName ? body.envName : this.envName;
    assertBatchSize(action, body);
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(body, env);
      case 'storage.batchGetDownloadUrl':
        return this.downloadUrls(body);
      case 'storage.batchDeleteFile':
        return this.deleteFiles(body);
      case 'storage.batchCopyFile':
        return this.copyFiles(body, env);
      default:
        throw new EmulatorError('INVALID_ACTION', `unknown action: ${action}`);
    }
  }

  /** Add the upload (PUT) and download (GET/HEAD) routes to the server, and the dev gateway's upload. */
  register(server: EmulatorHttpServer): void {
    server.route('PUT', '/storage/cos/', (req, res, url, body) => this.handleUpload(req, res, url, body));
    server.route('PUT', '/upload/', (req, res, url, body) => this.handleDevUpload(req, res, url, body));
    server.route('GET', '/storage/files/', (req, res, url) => this.handleDownload(req, res, url, true));
    server.route('HEAD', '/storage/files/', (req, res, url) => this.handleDownload(req, res, url, false));
  }

  /** Store a file directly (the dev gateway's H5 upload); returns its fileID. */
  async putFile(cloudPath: string, content: Buffer, contentType?: string, env = this.envName): Promise<string> {
    const clean = normalizeCloudPath(cloudPath);
    await this.writeObject(clean, content, contentType);
    return fileIdFor(env, clean);
  }

  /** Read a stored file by fileID or cloud path; undefined when it does not exist. */
  async getFile(fileIdOrPath: string): Promise<{ content: Buffer; contentType: string } | undefined> {
    const clean = normalizeCloudPath(cloudPathOf(fileIdOrPath));
    const meta = await this.readMeta(clean);
    if (!meta) return undefined;
    const content = await fsp.readFile(this.objectPath(clean)).catch(() => undefined);
    return content ? { content, contentType: meta.contentType } : undefined;
  }

  // ---------------------------------------------------------------- actions

  private uploadMetadata(body: Record<string, unknown>, env: string): Record<string, unknown> {
    if (typeof body.path !== 'string') throw new EmulatorError('INVALID_PARAM', 'path must be a string');
    const clean = normalizeCloudPath(body.path);
    const expires = nowSeconds() + this.uploadTtl;
    const authorization = `emulator-upload ${expires}:${this.sign('PUT', clean, expires)}`;
    const fileId = fileIdFor(env, clean);
    return {
      data: {
        url: `${this.publicBaseUrl}/storage/cos/${encodePath(clean)}`,
        token: randomBytes(16).toString('hex'),
        authorization,
        fileId,
        cosFileId: randomBytes(12).toString('hex'),
        download_url: `${this.publicBaseUrl}/storage/files/${encodePath(clean)}`,
      },
    };
  }

  private async downloadUrls(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!Array.isArray(body.file_list)) throw new EmulatorError('INVALID_PARAM', 'file_list must be an array');
    const list = await Promise.all(
      body.file_list.map(async (item: unknown) => {
        const entry = (item ?? {}) as { fileid?: unknown; max_age?: unknown };
        const fileID = typeof entry.fileid === 'string' ? entry.fileid : '';
        let clean: string;
        try {
          clean = normalizeCloudPath(cloudPathOf(fileID));
        } catch (e) {
          return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: (e as Error).message };
        }
        if (!(await this.readMeta(clean))) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' };
        const maxAge = typeof entry.max_age === 'number' && entry.max_age > 0 ? Math.floor(entry.max_age) : this.defaultMaxAge;
        const t = nowSeconds() + maxAge;
        // Unencoded, as CloudBase answers it: the SDK's downloadFile/getFileInfo encodeURI() it once
        // (a percent-encoded URL would be encoded twice and its signature would not match).
        const tempFileURL = `${this.publicBaseUrl}/storage/files/${clean}?sign=${this.sign('GET', clean, t)}&t=${t}`;
        return { fileID, tempFileURL, code: 'SUCCESS' };
      }),
    );
    return { data: { download_list: list } };
  }

  private async deleteFiles(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!Array.isArray(body.fileid_list)) throw new EmulatorError('INVALID_PARAM', 'fileid_list must be an array');
    const list = [];
    for (const item of body.fileid_list) {
      const fileID = typeof item === 'string' ? item : '';
      try {
        const clean = normalizeCloudPath(cloudPathOf(fileID));
        if (!(await this.readMeta(clean))) {
          list.push({ fileID, code: 'STORAGE_FILE_NONEXIST', message: 'file does not exist' });
          continue;
        }
        await fsp.rm(this.metaPath(clean), { force: true });
        await fsp.rm(this.objectPath(clean), { force: true });
        list.push({ fileID, code: 'SUCCESS' });
      } catch (e) {
        list.push({ fileID, code: 'INVALID_PARAM', message: (e as Error).message });
      }
    }
    return { data: { delete_list: list } };
  }

  private async copyFiles(body: Record<string, unknown>, env: string): Promise<Record<string, unknown>> {
    if (!Array.isArray(body.file_list)) throw new EmulatorError('INVALID_PARAM', 'file_list must be an array');
    const list = [];
    for (const item of body.file_list as Array<Record<string, unknown>>) {
      const src = typeof item?.src_path === 'string' ? item.src_path : '';
      const dst = typeof item?.dst_path === 'string' ? item.dst_path : '';
      try {
        const from = normalizeCloudPath(cloudPathOf(src));
        const to = normalizeCloudPath(cloudPathOf(dst));
        const meta = await this.readMeta(from);
        if (!meta) {
          list.push({ fileID: fileIdFor(env, to), code: 'STORAGE_FILE_NONEXIST', message: `${src} does not exist` });
          continue;
        }
        if (item.overwrite === false && (await this.readMeta(to))) {
          list.push({ fileID: fileIdFor(env, to), code: 'STORAGE_FILE_EXIST', message: `${dst} already exists` });
          continue;
        }
        await this.writeObject(to, await fsp.readFile(this.objectPath(from)), meta.contentType);
        if (item.remove_original === true) {
          await fsp.rm(this.metaPath(from), { force: true });
          await fsp.rm(this.objectPath(from), { force: true });
        }
        list.push({ fileID: fileIdFor(env, to), code: 'SUCCESS' });
      } catch (e) {
        list.push({ fileID: dst, code: 'INVALID_PARAM', message: (e as Error).message });
      }
    }
    return { data: { copy_list: list } };
  }

  // ---------------------------------------------------------------- HTTP routes

  private async handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<void> {
    let clean: string;
    try {
      clean = normalizeCloudPath(decodePath(url.pathname.slice('/storage/cos/'.length)));
    } catch (e) {
      return sendCosError(res, 400, 'InvalidURI', (e as Error).message, url.pathname);
    }
    const auth = String(req.headers.authorization ?? '');
    const m = /^emulator-upload (\d+):([0-9a-f]+)$/.exec(auth);
    if (!m || !this.verify('PUT', clean, Number(m[1]), m[2])) {
      return sendCosError(res, 403, 'SignatureDoesNotMatch', 'The upload signature is not valid for this path', url.pathname);
    }
    if (Number(m[1]) < nowSeconds()) return sendCosError(res, 403, 'AccessDenied', 'Request has expired', url.pathname);
    const declared = String(req.headers['content-type'] ?? '');
    await this.writeObject(clean, body, declared);
    res.writeHead(200, { 'content-length': 0, etag: `"${createHash('md5').update(body).digest('hex')}"` });
    res.end();
  }

  private async handleDownload(_req: http.IncomingMessage, res: http.ServerResponse, url: URL, withBody: boolean): Promise<void> {
    let clean: string;
    try {
      clean = normalizeCloudPath(decodePath(url.pathname.slice('/storage/files/'.length)));
    } catch (e) {
      return sendCosError(res, 400, 'InvalidURI', (e as Error).message, url.pathname, withBody);
    }
    const t = Number(url.searchParams.get('t'));
    const sign = url.searchParams.get('sign') ?? '';
    if (!Number.isInteger(t) || !this.verify('GET', clean, t, sign)) {
      return sendCosError(res, 403, 'AccessDenied', 'Access Denied.', url.pathname, withBody);
    }
    if (t < nowSeconds()) return sendCosError(res, 403, 'AccessDenied', 'Request has expired', url.pathname, withBody);
    const meta = await this.readMeta(clean);
    const content = meta ? await fsp.readFile(this.objectPath(clean)).catch(() => undefined) : undefined;
    if (!meta || !content) return sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname, withBody);
    res.writeHead(200, {
      'content-type': meta.contentType,
      'content-length': content.length,
      'last-modified': new Date(meta.uploadedAt).toUTCString(),
      'cache-control': 'private, max-age=0',
    });
    res.end(withBody ? content : undefined);
  }

  /**
   * Dev gateway upload (the H5 dev build's stand-in for `wx.cloud.uploadFile`): `PUT /upload/<cloud path>`,
   * the file as the body, the caller's openid in `X-Openid` as for `POST /functions/<name>`. Only the
   * caller's own folder `uploads/<openid>/` is writable — what the deployed storage security rule and
   * the functions' ownership check expect. Answers `{ fileID }` or `{ error: { code, message } }`.
   */
  private async handleDevUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<void> {
    const fail = (status: number, code: string, message: string) => sendJsonBody(res, status, { error: { code, message } });
    const openid = String(req.headers['x-openid'] ?? '').trim();
    if (!DEV_UPLOAD_OPENID.test(openid)) return fail(401, 'AUTH_REQUIRED', 'X-Openid must name the caller (1-64 letters, digits, - or _)');
    let clean: string;
    try {
      clean = normalizeCloudPath(decodePath(url.pathname.slice('/upload/'.length)));
    } catch (e) {
      return fail(400, 'INVALID_PARAM', (e as Error).message);
    }
    const folder = `${DEV_UPLOAD_ROOT}/${openid}/`;
    if (!clean.startsWith(folder) || clean.length === folder.length) return fail(403, 'PERMISSION_DENIED', `only ${folder}… is writable by this caller`);
    if (body.length === 0) return fail(400, 'INVALID_PARAM', 'the body (the file) is empty');
    if (body.length > DEV_UPLOAD_MAX_BYTES) return fail(413, 'EXCEED_MAX_PAYLOAD_SIZE', `a dev upload may be at most ${DEV_UPLOAD_MAX_BYTES} bytes`);
    const declared = String(req.headers['content-type'] ?? '');
    if (declared && !/^(image\/[a-z0-9.+-]+|application\/octet-stream)\b/i.test(declared)) return fail(415, 'INVALID_PARAM', `unsupported content type ${declared}`);
    const fileID = await this.putFile(clean, body, declared || undefined);
    sendJsonBody(res, 200, { fileID });
  }

  // ---------------------------------------------------------------- files

  private async writeObject(clean: string, content: Buffer, declaredType?: string): Promise<void> {
    const objectPath = this.objectPath(clean);
    const metaPath = this.metaPath(clean);
    await fsp.mkdir(path.dirname(objectPath), { recursive: true });
    await fsp.mkdir(path.dirname(metaPath), { recursive: true });
    const tmp = `${objectPath}.${randomBytes(6).toString('hex')}.tmp`;
    await fsp.writeFile(tmp, content);
    await fsp.rename(tmp, objectPath);
    const meta: FileMeta = { contentType: contentTypeFor(clean, content, declaredType), size: content.length, uploadedAt: new Date().toISOString() };
    const metaTmp = `${metaPath}.${randomBytes(6).toString('hex')}.tmp`;
    await fsp.writeFile(metaTmp, JSON.stringify(meta));
    await fsp.rename(metaTmp, metaPath);
  }

  private async readMeta(clean: string): Promise<FileMeta | undefined> {
    try {
      return JSON.parse(await fsp.readFile(this.metaPath(clean), 'utf8')) as FileMeta;
    } catch {
      return undefined;
    }
  }

  private objectPath(clean: string): string {
    return path.join(this.objectsDir, ...clean.split('/'));
  }

  private metaPath(clean: string): string {
    return path.join(this.metaDir, ...clean.split('/')) + '.json';
  }

  private sign(method: string, clean: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${method}\n${clean}\n${expires}`).digest('hex');
  }

  private verify(method: string, clean: string, expires: number, given: string): boolean {
    const expected = Buffer.from(this.sign(method, clean, expires), 'hex');
    const actual = Buffer.from(given, 'hex');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}

export function createStorage(options: StorageOptions): Storage {
  return new Storage(options);
}

/** `cloud://<env>.<bucket>/<path>` as production formats it (bucket = hex(env[0..2])-env-appid). */
export function fileIdFor(env: string, cloudPath: string): string {
  const bucket = `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-${FAKE_APPID}`;
  return `cloud://${env}.${bucket}/${cloudPath}`;
}

/** The cloud path of a fileID (any env/bucket: the emulator has one bucket) or of a plain path. */
export function cloudPathOf(fileIdOrPath: string): string {
  if (fileIdOrPath.startsWith('cloud://')) {
    const rest = fileIdOrPath.slice('cloud://'.length);
    const slash = rest.indexOf('/');
    if (slash < 0) throw new EmulatorError('INVALID_PARAM', `invalid fileID: ${fileIdOrPath}`);
    return rest.slice(slash + 1);
  }
  return fileIdOrPath;
}

/** Reject paths that could escape the storage directory or collide with the sidecars. */
export function normalizeCloudPath(cloudPath: string): string {
  const p = cloudPath.replace(/^\/+/, '');
  if (p === '' || p.length > MAX_PATH_LENGTH) throw new EmulatorError('INVALID_PARAM', 'cloudPath must be 1-850 characters');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\\\u0000-\u001f]/.test(p)) throw new EmulatorError('INVALID_PARAM', 'cloudPath contains an invalid character');
  const segments = p.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new EmulatorError('INVALID_PARAM', `invalid cloudPath: ${cloudPath}`);
  if (segments.some((s) => s.endsWith('.tmp'))) throw new EmulatorError('INVALID_PARAM', 'cloudPath segments must not end in .tmp');
  return segments.join('/');
}

function encodePath(clean: string): string {
  return clean.split('/').map(encodeURIComponent).join('/');
}

function decodePath(encoded: string): string {
  try {
    return encoded.split('/').map(decodeURIComponent).join('/');
  } catch {
    throw new EmulatorError('INVALID_PARAM', 'malformed percent-encoding in path');
  }
}

function contentTypeFor(clean: string, content: Buffer, declared?: string): string {
  const given = (declared ?? '').trim();
  if (given && !/^application\/octet-stream\b/i.test(given) && !/^application\/x-www-form-urlencoded\b/i.test(given)) return given;
  const sniffed = sniff(content);
  if (sniffed) return sniffed;
  return EXTENSION_TYPES[path.extname(clean).toLowerCase()] ?? 'application/octet-stream';
}

function sniff(b: Buffer): string | undefined {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return undefined;
}

function sendCosError(res: http.ServerResponse, status: number, code: string, message: string, resource: string, withBody = true): void {
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${escapeXml(message)}</Message>\n` +
    `  <Resource>${escapeXml(resource)}</Resource>\n  <RequestId>${randomBytes(12).toString('hex')}</RequestId>\n  <TraceId>${randomBytes(16).toString('base64')}</TraceId>\n</Error>\n`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(withBody ? body : undefined);
}

function sendJsonBody(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Read through Date so the emulator's shifted clock also moves URL expiry. */
function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
