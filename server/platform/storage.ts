import { getApp } from '../db/client';

/** Cloud storage: upload bytes, get a temporary download URL. */
export async function uploadBytes(cloudPath: string, bytes: Buffer): Promise<string> {
  const res = await getApp().uploadFile({ cloudPath, fileContent: bytes });
  if (!res.fileID) throw new Error(`upload of ${cloudPath} failed`);
  return res.fileID;
}

/** getTempFileURL takes at most 50 files a call (CloudBase and WeChat cloud: "一次最多取 50 个"). */
export const TEMP_URL_BATCH = 50;

/** Temporary download URLs by fileID, asked 50 at a time (every page at once). A file with no URL is left out. */
export async function temporaryUrls(fileIDs: string[], maxAgeSeconds = 3600): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(fileIDs)];
  const pages: string[][] = [];
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) pages.push(unique.slice(i, i + TEMP_URL_BATCH));
  const answers = await Promise.all(pages.map((page) => getApp().getTempFileURL({ fileList: page.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) })));
  for (const res of answers) for (const f of res.fileList ?? []) if (f.tempFileURL) out.set(f.fileID, f.tempFileURL);
  return out;
}

/** Deletes files from storage, 50 a call (batchDeleteFile's limit); a file already gone is not an error. */
export async function deleteFiles(fileIDs: string[]): Promise<void> {
  const unique = [...new Set(fileIDs)];
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) {
    await getApp().deleteFile({ fileList: unique.slice(i, i + TEMP_URL_BATCH) });
  }
}
