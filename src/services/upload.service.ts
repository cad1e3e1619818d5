import Taro from '@tarojs/taro';
import { ErrorCodes } from '@core/api/errors';
import { PHOTO_MAX_BYTES, photoCloudPath } from '@core/rules/uploads';
import { gatewayUrl, isWeapp } from '../env';
import { ApiError, ClientErrorCodes } from './api-error';
import { getDevOpenid } from './identity';
import { ensureCloud } from './transport';

/** A photo ready to upload: compressed on the phone (qa/components/pick-photos.ts). */
export interface PhotoFile {
  name: string;
  contentType: string;
  /** Bytes after compression. */
  size: number;
  /** Local URL to show it before (and after) the upload. */
  previewUrl: string;
  /** Mini-program: the (compressed) temp file. */
  path?: string;
  /** H5: the (compressed) bytes. */
  blob?: Blob;
  /** Set when the phone could not read or compress it (an error code): it is not uploaded. */
  error?: string;
}

export type Uploader = (cloudPath: string, file: PhotoFile) => Promise<string>;

/** Mini-program: straight to cloud storage; WeChat records the uploader. */
const weappUpload: Uploader = async (cloudPath, file) => {
  ensureCloud();
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file.path ?? file.previewUrl });
    if (!res.fileID) throw new Error('no fileID');
    return res.fileID;
  } catch (e) {
    throw new ApiError(ClientErrorCodes.NETWORK, e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e));
  }
};

/** H5 dev build: the emulator's dev upload (`PUT /upload/<path>`, caller in X-Openid). */
const h5Upload: Uploader = async (cloudPath, file) => {
  let res: Response;
  let body: { fileID?: string; error?: { code?: string; message?: string } } | undefined;
  try {
    res = await fetch(`${gatewayUrl()}/upload/${cloudPath.split('/').map(encodeURIComponent).join('/')}`, {
      method: 'PUT',
      headers: { 'Content-Type': file.contentType, 'X-Openid': getDevOpenid() ?? '' },
      body: file.blob,
    });
    body = await res.json().catch(() => undefined);
  } catch (e) {
    throw new ApiError(ClientErrorCodes.NETWORK, e instanceof Error ? e.message : String(e));
  }
  if (body?.fileID) return body.fileID;
  if (res.status === 413) throw new ApiError(ErrorCodes.FILE_TOO_LARGE, body?.error?.message ?? 'too large');
  throw new ApiError(res.status >= 500 || !body ? ClientErrorCodes.NETWORK : body.error?.code ?? ErrorCodes.INTERNAL, body?.error?.message ?? `upload answered ${res.status}`);
};

let uploader: Uploader | undefined;

/** Tests only: replace the uploader. */
export function __setUploaderForTests(u: Uploader | undefined): void {
  uploader = u;
}

/**
 * Uploads a photo of `openid` into their own folder (`uploads/<openid>/<id>.jpg`) and answers its
 * fileID, which is what functions receive. `id` names the file: a retry with the same id
 * overwrites the same file. A photo still over the limit after compression is refused here,
 * before any upload, with FILE.TOO_LARGE.
 */
export async function uploadPhoto(openid: string, id: string, file: PhotoFile): Promise<string> {
  if (file.error) throw new ApiError(file.error, 'the photo could not be read');
  if (file.size > PHOTO_MAX_BYTES) throw new ApiError(ErrorCodes.FILE_TOO_LARGE, `a photo may be at most ${PHOTO_MAX_BYTES} bytes`);
  const ext = file.contentType === 'image/png' ? 'png' : file.contentType === 'image/webp' ? 'webp' : 'jpg';
  return (uploader ?? (isWeapp() ? weappUpload : h5Upload))(photoCloudPath(openid, id, ext), file);
}
