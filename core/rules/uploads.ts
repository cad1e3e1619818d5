/**
 * Where the app puts the files a person uploads, and how a function recognises them as that
 * person's: `uploads/<openid>/<id>.<ext>`, written by the app straight to cloud storage
 * (`Taro.cloud.uploadFile` in the mini-program, the emulator's dev upload on H5). A function
 * never receives the bytes: it receives the fileID and accepts it only from the caller's folder.
 * Shared by the app (building the path) and the server (checking it), so both agree.
 */

export const UPLOAD_ROOT = 'uploads';
/** A photo, after compression on the phone, may be at most this big. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_MAX_MB = PHOTO_MAX_BYTES / (1024 * 1024);
/** Photo file names: an id the app made (uuid-like) and an image extension. */
const PHOTO_NAME = /^[A-Za-z0-9_-]{8,64}\.(jpg|jpeg|png|webp)$/;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export function uploadFolder(openid: string): string {
  return `${UPLOAD_ROOT}/${openid}/`;
}

/** The cloud path of a new photo of `openid` (`id`: letters, digits, - and _). */
export function photoCloudPath(openid: string, id: string, ext: 'jpg' | 'png' | 'webp' = 'jpg'): string {
  return `${uploadFolder(openid)}${id}.${ext}`;
}

/**
 * The path inside the bucket of a fileID (`cloud://<env>.<bucket>/<path>`, production's and the
 * emulator's shape); undefined for anything else.
 */
export function cloudPathOfFileId(fileID: string): string | undefined {
  const m = /^cloud:\/\/[^/\s]+\/(.+)$/.exec(fileID);
  return m ? m[1] : undefined;
}

/** Is `fileID` a photo in `openid`'s own upload folder (and nothing below it)? */
export function isOwnPhoto(openid: string, fileID: string): boolean {
  if (!OPENID.test(openid)) return false;
  const p = cloudPathOfFileId(fileID);
  if (!p || !p.startsWith(uploadFolder(openid))) return false;
  return PHOTO_NAME.test(p.slice(uploadFolder(openid).length));
}
