/**
 * Storage through the real @cloudbase/node-sdk: upload, temporary URLs, download, delete.
 * CloudBase answers temporary URLs unencoded and the SDK encodes them once (downloadFile,
 * getFileInfo): a file with a Chinese name must download through the URL the SDK builds.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;

beforeAll(async () => {
  h = await startDbHarness();
});

afterAll(async () => {
  await h.close();
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a photo, but its bytes start like one')]);

describe('temporary download URLs', () => {
  it('downloads a Chinese-named file through the URL the SDK returns and encodes', async () => {
    const cloudPath = 'uploads/demo-worker-li/冲压车间 照片（一）.jpg';
    const { fileID } = await h.app.uploadFile({ cloudPath, fileContent: JPEG });
    expect(fileID).toMatch(/^cloud:\/\/.+\/uploads\/demo-worker-li\/冲压车间 照片（一）\.jpg$/);

    const { fileList } = await h.app.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] });
    expect(fileList[0].code).toBe('SUCCESS');
    const url = fileList[0].tempFileURL;
    // Unencoded, as CloudBase answers it.
    expect(url).toContain('/uploads/demo-worker-li/冲压车间 照片（一）.jpg?');

    // The SDK's own download encodes the URL once (encodeURI) and fetches it.
    const downloaded = await h.app.downloadFile({ fileID });
    expect(Buffer.compare(downloaded.fileContent as Buffer, JPEG)).toBe(0);

    // So does its getFileInfo (a HEAD of encodeURI(url)).
    const info = await h.app.getFileInfo({ fileList: [fileID] });
    expect(info.fileList[0]).toMatchObject({ code: 'SUCCESS', size: JPEG.length, mime: 'image/jpeg' });

    // And a browser given the URL as it is (it encodes the path itself).
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), JPEG)).toBe(0);
    const twice = await fetch(encodeURI(url));
    expect(twice.status).toBe(200);
  });

  it('refuses a URL whose path or signature was changed (403) and answers a missing file per entry', async () => {
    const { fileID } = await h.app.uploadFile({ cloudPath: 'uploads/a/原图.jpg', fileContent: JPEG });
    const { fileList } = await h.app.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] });
    const url = fileList[0].tempFileURL;
    expect((await fetch(url.replace('原图', '别的'))).status).toBe(403);
    expect((await fetch(url.replace(/sign=[0-9a-f]{4}/, 'sign=0000'))).status).toBe(403);
    const missing = await h.app.getTempFileURL({ fileList: [{ fileID: fileID.replace('原图', '没有'), maxAge: 600 }] });
    expect(missing.fileList[0]).toMatchObject({ code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' });
  });
});
