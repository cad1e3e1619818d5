import Taro from '@tarojs/taro';
import { isH5 } from '../../env';
import type { PhotoFile } from '../../store/qa';

type Picked = { path: string; type?: string; originalFileObj?: Blob & { name?: string } };

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };

function contentTypeOf(name: string, fallback?: string): string {
  const ext = name.split('?')[0].split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext] ?? (fallback && fallback.includes('/') ? fallback : 'image/jpeg');
}

/** H5: the picked File (or its blob: URL), read as base64 by FileReader. */
async function readH5(f: Picked): Promise<{ base64: string; type: string; name?: string }> {
  const blob: Blob = f.originalFileObj ?? (await (await fetch(f.path)).blob());
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return { base64: dataUrl.slice(dataUrl.indexOf(',') + 1), type: blob.type, name: f.originalFileObj?.name };
}

/** Mini-program: the temp file, read as base64 by the file system manager. */
function readWeapp(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (r) => resolve(r.data as string),
      fail: reject,
    });
  });
}

/**
 * Lets the person pick up to `count` photos (album or camera, compressed) and reads each as
 * base64 for `qa.uploadAttachment`. Resolves with nothing when the picker is cancelled.
 */
export async function pickPhotos(count: number): Promise<PhotoFile[]> {
  if (count <= 0) return [];
  let res: { tempFiles?: Picked[]; tempFilePaths: string[] };
  try {
    res = (await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })) as unknown as typeof res;
  } catch {
    return []; // cancelled
  }
  const files: Picked[] = res.tempFiles?.length ? res.tempFiles : res.tempFilePaths.map((path) => ({ path }));
  const out: PhotoFile[] = [];
  for (const [i, f] of files.slice(0, count).entries()) {
    if (isH5()) {
      const { base64, type, name } = await readH5(f);
      const fileName = name || `photo-${i + 1}.${(type.split('/')[1] || 'jpg').replace('jpeg', 'jpg')}`;
      out.push({ name: fileName, contentType: contentTypeOf(fileName, type), dataBase64: base64, previewUrl: f.path });
    } else {
      const fileName = f.path.split('/').pop() || `photo-${i + 1}.jpg`;
      out.push({ name: fileName, contentType: contentTypeOf(fileName, f.type), dataBase64: await readWeapp(f.path), previewUrl: f.path });
    }
  }
  return out;
}
