/**
 * Temporary URLs are asked 50 at a time: getTempFileURL takes at most 50 files a call, and the
 * emulator refuses a longer list as CloudBase does. 120 files → three calls, every URL back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/src/index';
import { pointSdkAt } from '../../scripts/lib/sdk-env';
import { getApp } from '../db/client';
import { TEMP_URL_BATCH, temporaryUrls, uploadBytes } from './storage';

let emulator: Emulator;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'icsd-storage-'));
  emulator = await startEmulator({ port: 0, dataDir, logLevel: 'silent', triggers: false, functionsDir: path.join(dataDir, 'none') });
  pointSdkAt(emulator.url);
});

afterAll(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('fetches temporary URLs for more than 50 files in pages of 50', async () => {
  const ids = await Promise.all(Array.from({ length: 120 }, (_, i) => uploadBytes(`test/batch/f${i}.txt`, Buffer.from(`file ${i}`))));
  // The platform's limit holds here too: one call with every file is refused.
  await expect(getApp().getTempFileURL({ fileList: ids.map((fileID) => ({ fileID, maxAge: 60 })) })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  const urls = await temporaryUrls([...ids, ids[0]]);
  expect(TEMP_URL_BATCH).toBe(50);
  expect(urls.size).toBe(120);
  for (const id of ids) expect(urls.get(id)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/files\/test\/batch\/f\d+\.txt\?sign=/);
  const res = await fetch(urls.get(ids[119])!);
  expect(await res.text()).toBe('file 119');
  expect((await temporaryUrls([])).size).toBe(0);
});
