/**
 * Photos travel as files, never inside a function call: the app uploads them straight to storage
 * into the uploader's own folder (`uploads/<openid>/…`: wx.cloud.uploadFile in the mini-program,
 * the dev gateway's `PUT /upload/<path>` on H5) and a function accepts only fileIDs from the
 * caller's folder that exist. Here: the dev upload's refusals, and ownership across functions.
 */
import type { TicketDetail } from '../../core/api/tickets';
import { startTestEnv, type TestEnv, code } from '../support/harness';

const MANAGER = 'demo-manager-wang';
const OTHER_MANAGER = 'demo-manager-schmidt';
const STAFF = 'demo-staff-zhang';

describe('photo uploads', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  describe('the dev gateway upload (H5)', () => {
    it('stores a file in the caller’s own folder and answers its fileID, downloadable through a temporary URL', async () => {
      const body = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(300 * 1024, 7)]);
      const r = await env.upload(MANAGER, { path: `uploads/${MANAGER}/0123456789abcdef.jpg`, body });
      expect(r).toMatchObject({ status: 200, fileID: expect.stringMatching(new RegExp(`^cloud://[^/]+/uploads/${MANAGER}/0123456789abcdef\\.jpg$`)) });
      const stored = await env.emulator.storage.getFile(r.fileID!);
      expect(stored?.content.length).toBe(body.length);
      expect(stored?.contentType).toBe('image/jpeg');
    });

    it.each<[string, { as?: string; path?: string; body?: Buffer; contentType?: string }, number, string]>([
      ['another person’s folder', { path: `uploads/${OTHER_MANAGER}/0123456789abcdef.jpg` }, 403, 'PERMISSION_DENIED'],
      ['outside uploads/', { path: `qa/xingping/${MANAGER}/0123456789abcdef.jpg` }, 403, 'PERMISSION_DENIED'],
      // (the URL parser resolves the dots first: the request lands in the other folder)
      ['a path climbing out of the folder', { path: `uploads/${MANAGER}/../${OTHER_MANAGER}/a.jpg` }, 403, 'PERMISSION_DENIED'],
      ['an encoded separator', { path: `uploads/${MANAGER}%2F..%2F${OTHER_MANAGER}/a.jpg` }, 400, 'INVALID_PARAM'],
      ['the folder itself', { path: `uploads/${MANAGER}/` }, 400, 'INVALID_PARAM'],
      ['an empty body', { body: Buffer.alloc(0) }, 400, 'INVALID_PARAM'],
      ['a body over 10 MB', { body: Buffer.alloc(10 * 1024 * 1024 + 1) }, 413, 'EXCEED_MAX_PAYLOAD_SIZE'],
      ['a JSON body', { body: Buffer.from('{"dataBase64":"AAAA"}'), contentType: 'application/json' }, 415, 'INVALID_PARAM'],
      ['no caller', { as: '' }, 401, 'AUTH_REQUIRED'],
    ])('refuses %s', async (_name, opts, status, errorCode) => {
      const as = opts.as ?? MANAGER;
      const path = opts.path ?? `uploads/${MANAGER}/fedcba9876543210.jpg`;
      // A path with % is sent as written (already encoded); others are encoded per segment.
      const res = await fetch(`${env.emulator.url}/upload/${path.includes('%') ? path : path.split('/').map(encodeURIComponent).join('/')}`, {
        method: 'PUT',
        headers: { 'content-type': opts.contentType ?? 'image/jpeg', 'x-openid': as },
        body: opts.body ?? Buffer.from('ffd8ffe000', 'hex'),
      });
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(errorCode);
      expect(await env.emulator.storage.getFile(`uploads/${OTHER_MANAGER}/0123456789abcdef.jpg`)).toBeUndefined();
    });
  });

  describe('functions take only the caller’s own, existing uploads', () => {
    const submit = (as: string, attachments: string[]) =>
      env.call<TicketDetail>('tickets', 'submit', { title: '车间照片', description: '厂房屋顶漏水，附照片。', category: 'other', attachments }, { as, idempotencyKey: env.key() });

    it('uploaded as A, referenced by A: stored with a temporary URL', async () => {
      const photo = await env.uploadPhoto(MANAGER);
      const res = await submit(MANAGER, [photo]);
      expect(code(res)).toBe('OK');
      if (res.ok) expect(res.data.attachments).toEqual([expect.objectContaining({ fileID: photo, url: expect.stringMatching(/^http/) })]);
    });

    it('A’s file referenced by B is refused with FILE.NOT_YOURS, and nothing is written', async () => {
      const photo = await env.uploadPhoto(MANAGER);
      const before = await env.counts();
      expect(code(await submit(OTHER_MANAGER, [photo]))).toBe('FILE.NOT_YOURS');
      expect(code(await env.call('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: '2026-12-01', met: '王海燕', topics: ['用工'], photos: [photo] }, { as: STAFF, idempotencyKey: env.key() }))).toBe('FILE.NOT_YOURS');
      expect(await env.counts()).toEqual(before);
    });

    it('a fileID in the caller’s folder that was never uploaded, or deleted, is refused', async () => {
      const photo = await env.uploadPhoto(MANAGER);
      await env.emulator.storage.handle('storage.batchDeleteFile', { fileid_list: [photo] }, { requestId: 't' });
      expect(code(await submit(MANAGER, [photo]))).toBe('FILE.NOT_YOURS');
      expect(code(await submit(MANAGER, [`cloud://local-dev.6c6f-local-dev-1250000000/uploads/${MANAGER}/neveruploaded00.jpg`]))).toBe('FILE.NOT_YOURS');
      expect(code(await submit(MANAGER, [`uploads/${MANAGER}/not-a-file-id.jpg`]))).toBe('FILE.NOT_YOURS');
    });
  });
});
