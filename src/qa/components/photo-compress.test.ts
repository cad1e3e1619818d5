import { PHOTO_MAX_BYTES } from '@core/rules/uploads';
import { errorMessage } from '../../i18n';
import { compressionPlan, PHOTO_MAX_EDGE, targetSize, tooBig } from './photo-compress';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

describe('photo compression on the phone', () => {
  it.each<[number, number, number, number]>([
    [4032, 3024, 1600, 1200], // a normal phone photo, landscape
    [3024, 4032, 1200, 1600], // portrait
    [4000, 4000, 1600, 1600],
    [1600, 900, 1600, 900], // already within the edge: unchanged
    [800, 600, 800, 600], // never enlarged
    [12000, 400, 1600, 53], // a panorama keeps its ratio
    [20000, 1, 1600, 1], // at least one pixel
  ])('%i×%i → %i×%i', (w, h, tw, th) => {
    expect(targetSize(w, h)).toEqual({ width: tw, height: th });
    expect(Math.max(tw, th)).toBeLessThanOrEqual(PHOTO_MAX_EDGE);
  });

  it('refuses a size that is not an image’s', () => {
    for (const [w, h] of [[0, 10], [10, -1], [NaN, 10], [Infinity, 10]]) expect(() => targetSize(w, h)).toThrow(RangeError);
  });

  it('re-encodes a big phone photo, a heavy or non-JPEG one, and sends a small light JPEG as it is', () => {
    expect(compressionPlan({ width: 4032, height: 3024, bytes: 7 * 1024 * 1024, contentType: 'image/jpeg' })).toEqual({ width: 1600, height: 1200, reencode: true });
    expect(compressionPlan({ width: 1200, height: 900, bytes: 200 * 1024, contentType: 'image/jpeg' })).toEqual({ width: 1200, height: 900, reencode: false });
    expect(compressionPlan({ width: 1200, height: 900, bytes: 1500 * 1024, contentType: 'image/jpeg' }).reencode).toBe(true);
    expect(compressionPlan({ width: 1200, height: 900, bytes: 100 * 1024, contentType: 'image/png' }).reencode).toBe(true);
    expect(compressionPlan({ width: 1200, height: 900, bytes: 100 * 1024, contentType: 'image/heic' }).reencode).toBe(true);
  });

  it('is too big only above the 2 MB limit', () => {
    expect(PHOTO_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(tooBig(PHOTO_MAX_BYTES)).toBe(false);
    expect(tooBig(PHOTO_MAX_BYTES + 1)).toBe(true);
  });

  it('tells the person the limit when a photo is still too big, in Chinese and English', () => {
    expect(errorMessage('zh-CN', 'FILE.TOO_LARGE')).toContain('2 MB');
    expect(errorMessage('zh-CN', 'FILE.TOO_LARGE')).toContain('压缩');
    expect(errorMessage('en', 'FILE.TOO_LARGE')).toContain('2 MB');
    expect(errorMessage('en', 'FILE.TOO_LARGE')).toMatch(/compression/);
    expect(errorMessage('zh-CN', 'FILE.NOT_YOURS')).toContain('不是你上传的');
    expect(errorMessage('en', 'FILE.NOT_YOURS')).toMatch(/not uploaded by you/);
  });
});
