import { getApp } from '../db/client';

/** Cloud storage: upload bytes, get a temporary download URL. */
export async function uploadBytes(cloudPath: string, bytes: Buffer): Promise<string> {
  const res = await getApp().uploadFile({ cloudPath, fileContent: bytes });
  if (!res.fileID) throw new Error(`upload of ${cloudPath} failed`);
  return res.fileID;
}

export async function temporaryUrls(fileIDs: string[], maxAgeSeconds = 3600): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (fileIDs.length === 0) return out;
  const res = await getApp().getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) });
  for (const f of res.fileList ?? []) if (f.tempFileURL) out.set(f.fileID, f.tempFileURL);
  return out;
}
