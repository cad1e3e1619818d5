import Taro from '@tarojs/taro';
import { ErrorCodes } from '@core/api/errors';
import { photoPickProblem, type PhotoPickProblem } from '@core/rules/photo-pick';
import { translate, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import { isH5 } from '../../env';
import type { PhotoFile } from '../../services/upload.service';
import { compressionPlan, JPEG_QUALITIES, tooBig, WEAPP_QUALITY } from './photo-compress';

type Picked = { path: string; size?: number; type?: string; originalFileObj?: Blob & { name?: string } };

/** H5: decode the picked file and redraw it on a canvas at the planned size as JPEG. */
async function compressH5(f: Picked, i: number): Promise<PhotoFile> {
  const original: Blob = f.originalFileObj ?? (await (await fetch(f.path)).blob());
  const name = f.originalFileObj?.name || `photo-${i + 1}.jpg`;
  const img = await new Promise<HTMLImageElement>((resolve, reject) => {
    const el = new Image();
    el.onload = () => resolve(el);
    el.onerror = () => reject(new Error('not an image this browser can read'));
    el.src = f.path;
  });
  const plan = compressionPlan({ width: img.naturalWidth, height: img.naturalHeight, bytes: original.size, contentType: original.type });
  if (!plan.reencode) return { name, contentType: original.type || 'image/jpeg', size: original.size, previewUrl: f.path, blob: original };
  const canvas = document.createElement('canvas');
  canvas.width = plan.width;
  canvas.height = plan.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = '#fff'; // a transparent PNG becomes white, not black, as JPEG
  ctx.fillRect(0, 0, plan.width, plan.height);
  ctx.drawImage(img, 0, 0, plan.width, plan.height);
  let blob: Blob | null = null;
  for (const q of JPEG_QUALITIES) {
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', q));
    if (blob && !tooBig(blob.size)) break;
  }
  if (!blob) throw new Error('could not encode the photo');
  return { name: name.replace(/\.[^.]*$/, '') + '.jpg', contentType: 'image/jpeg', size: blob.size, previewUrl: URL.createObjectURL(blob), blob };
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({ filePath, success: (r) => resolve(r.size), fail: reject });
  });
}

/** Mini-program: compressImage to the planned size (the picker already asked for 'compressed'). */
async function compressWeapp(f: Picked, i: number): Promise<PhotoFile> {
  const info = await Taro.getImageInfo({ src: f.path });
  const bytes = f.size ?? (await fileSize(f.path));
  const type = info.type === 'png' ? 'image/png' : info.type === 'webp' ? 'image/webp' : 'image/jpeg';
  const plan = compressionPlan({ width: info.width, height: info.height, bytes, contentType: type });
  const name = f.path.split('/').pop() || `photo-${i + 1}.jpg`;
  if (!plan.reencode) return { name, contentType: type, size: bytes, previewUrl: f.path, path: f.path };
  const out = await Taro.compressImage({ src: f.path, quality: WEAPP_QUALITY, compressedWidth: plan.width, compressedHeight: plan.height } as Taro.compressImage.Option);
  return { name, contentType: 'image/jpeg', size: await fileSize(out.tempFilePath), previewUrl: out.tempFilePath, path: out.tempFilePath };
}

/**
 * Tells the person plainly why photos could not be picked (a cancel says nothing). A switched-off
 * album/camera permission offers the mini-program's settings page; the privacy cases say what to do.
 */
async function explain(problem: Exclude<PhotoPickProblem, 'cancelled'>): Promise<void> {
  const locale = useAppStore.getState().locale;
  const t = (key: MessageKey) => translate(locale, key);
  const canOpenSetting = problem === 'permission-denied' && !isH5();
  const res = await Taro.showModal({
    title: t('photo.blocked.title'),
    content: t(`photo.blocked.${problem}` as MessageKey),
    showCancel: canOpenSetting,
    cancelText: t('photo.blocked.ok'),
    confirmText: canOpenSetting ? t('photo.blocked.openSetting') : t('photo.blocked.ok'),
  }).catch(() => undefined);
  if (canOpenSetting && res?.confirm) await Taro.openSetting().catch(() => undefined);
}

/**
 * Lets the person pick up to `count` photos (album or camera) with `chooseMedia` (chooseImage is no
 * longer maintained) and compresses each on the phone (longest edge 1600 px, JPEG) before the store
 * uploads it straight to cloud storage. A photo that cannot be read comes back marked
 * FILE.TYPE_NOT_ALLOWED; one still over the limit is refused by the upload with FILE.TOO_LARGE.
 *
 * Privacy: the app registers no `onNeedPrivacyAuthorization` listener, so WeChat shows its own
 * privacy prompt the first time chooseMedia is called (docs/privacy.md says why). When the photo
 * API is blocked — not declared in the 用户隐私保护指引 (errno 112), the prompt declined (104), the
 * album/camera permission off — the person is told which, instead of nothing happening. A cancel
 * returns nothing.
 */
export async function pickPhotos(count: number): Promise<PhotoFile[]> {
  if (count <= 0) return [];
  let files: Picked[];
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    files = (res.tempFiles ?? []).map((f) => ({ path: f.tempFilePath, size: f.size, type: f.fileType, originalFileObj: (f as { originalFileObj?: Picked['originalFileObj'] }).originalFileObj }));
  } catch (err) {
    const problem = photoPickProblem(err);
    if (problem !== 'cancelled') await explain(problem);
    return [];
  }
  const out: PhotoFile[] = [];
  for (const [i, f] of files.slice(0, count).entries()) {
    try {
      out.push(isH5() ? await compressH5(f, i) : await compressWeapp(f, i));
    } catch {
      out.push({ name: `photo-${i + 1}`, contentType: 'application/octet-stream', size: 0, previewUrl: f.path, error: ErrorCodes.FILE_TYPE_NOT_ALLOWED });
    }
  }
  return out;
}
