/** Images for the upload cases, made here so no fixture file is needed. */
import type { Page } from '@playwright/test';

/**
 * A phone-sized photo (4032×3024 JPEG, several MB), drawn by the browser itself: gradients, shapes
 * and fine noise, so it compresses like a photo and not like a flat image.
 */
export async function phonePhoto(page: Page): Promise<Buffer> {
  // A string, as the other in-page scripts here: this project's node types have no DOM.
  const b64 = await page.evaluate<string>(`(async () => {
    const c = document.createElement('canvas');
    c.width = 4032;
    c.height = 3024;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 4032, 3024);
    grad.addColorStop(0, '#4a6b8a');
    grad.addColorStop(1, '#d9b38c');
    g.fillStyle = grad;
    g.fillRect(0, 0, 4032, 3024);
    const img = g.getImageData(0, 0, 4032, 3024);
    let seed = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed % 61) - 30;
      img.data[i] += n;
      img.data[i + 1] += n;
      img.data[i + 2] += n;
    }
    g.putImageData(img, 0, 0);
    g.fillStyle = '#fff';
    g.font = 'bold 220px sans-serif';
    g.fillText('工牌 No. 20261205', 400, 1600);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  })()`);
  return Buffer.from(b64, 'base64');
}

/** Width and height from a JPEG's SOF marker; undefined when it is not a JPEG. */
export function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  for (let i = 2; i + 9 < b.length; ) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return undefined;
}

/** A small valid PNG (a colour gradient) for upload tests, made here so no fixture file is needed. */
export function tinyPng(w = 48, h = 32): Buffer {
  const { deflateSync } = require('node:zlib') as typeof import('node:zlib');
  const crc32 = (b: Buffer) => {
    let c = ~0;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return ~c;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(td.length + 8);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc32(td) >>> 0, td.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([26, (x * 5) & 255, (y * 7) & 255], y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

