/**
 * How a photo is shrunk on the phone before it is uploaded (pure: the platform code in
 * pick-photos.ts does the pixels). A normal phone photo (4032×3024, 5–8 MB) becomes about
 * 1600×1200 and a few hundred KB of JPEG; a photo already small and light is sent as it is.
 */
import { PHOTO_MAX_BYTES } from '@core/rules/uploads';

/** The longest edge after compression: enough to read a document or a nameplate on a phone. */
export const PHOTO_MAX_EDGE = 1600;
/** JPEG qualities tried in turn until the file fits under PHOTO_MAX_BYTES (H5 canvas). */
export const JPEG_QUALITIES = [0.82, 0.7, 0.55] as const;
/** Mini-program compressImage quality (0–100). */
export const WEAPP_QUALITY = 80;
/** Below this size a photo within the edge limit is not re-encoded (re-encoding costs quality). */
export const REENCODE_ABOVE_BYTES = 512 * 1024;

export interface Size {
  width: number;
  height: number;
}

/** The size to draw at: the longest edge at most `maxEdge`, the aspect ratio kept, never enlarged. */
export function targetSize(width: number, height: number, maxEdge = PHOTO_MAX_EDGE): Size {
  if (!(width > 0) || !(height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) throw new RangeError(`not an image size: ${width}×${height}`);
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface CompressionPlan extends Size {
  /** Re-encode as JPEG (resize, or shrink a heavy file, or turn a PNG/WebP/HEIC photo into JPEG). */
  reencode: boolean;
}

/** What to do with a picked photo of this size, weight and type. */
export function compressionPlan(original: Size & { bytes: number; contentType?: string }): CompressionPlan {
  const target = targetSize(original.width, original.height);
  const resized = target.width !== original.width || target.height !== original.height;
  const jpeg = original.contentType === undefined || /^image\/jpe?g$/i.test(original.contentType);
  return { ...target, reencode: resized || !jpeg || original.bytes > REENCODE_ABOVE_BYTES };
}

/** Still over the limit after compression: the person is told the limit, nothing is uploaded. */
export function tooBig(bytes: number): boolean {
  return bytes > PHOTO_MAX_BYTES;
}
