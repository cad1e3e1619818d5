/**
 * pickPhotos on a phone: a cancel says nothing; a photo API blocked by WeChat's privacy rules or a
 * switched-off permission is explained in the person's language (not read as a cancel). Taro is
 * the platform boundary and is faked; the classification and the words are the app's own.
 */
import zh from '../../i18n/zh-CN';
import en from '../../i18n/en';
import { useAppStore } from '../../store';
import { taroMock } from '../../test-support/taro-mock';
import { pickPhotos } from './pick-photos';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

// The picker's own platform calls, added to the shared stand-in.
const taro = Object.assign(taroMock, {
  chooseMedia: jest.fn(),
  showModal: jest.fn(() => Promise.resolve({ confirm: false, cancel: true })),
  openSetting: jest.fn(() => Promise.resolve({})),
});

beforeEach(() => {
  taro.chooseMedia.mockReset();
  taro.showModal.mockClear();
  taro.openSetting.mockClear();
  process.env.TARO_ENV = 'weapp';
  useAppStore.setState({ locale: 'zh-CN' });
});

describe('pickPhotos when chooseMedia fails', () => {
  it('says nothing when the person cancels', async () => {
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' });
    expect(await pickPhotos(3)).toEqual([]);
    expect(taro.showModal).not.toHaveBeenCalled();
  });

  it('asks chooseMedia for images only, compressed, album or camera', async () => {
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail cancel' });
    await pickPhotos(2);
    expect(taro.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 2, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] }));
  });

  it('explains errno 112 (photos not declared in the privacy guide) in Chinese', async () => {
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail api scope is not declared in the privacy agreement', errno: 112 });
    expect(await pickPhotos(3)).toEqual([]);
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: zh['photo.blocked.title'], content: zh['photo.blocked.privacy-undeclared'], showCancel: false }));
    expect(taro.openSetting).not.toHaveBeenCalled();
  });

  it('explains errno 104 (the privacy prompt declined) in English', async () => {
    useAppStore.setState({ locale: 'en' });
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail privacy permission is not authorized', errno: 104 });
    await pickPhotos(1);
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: en['photo.blocked.title'], content: en['photo.blocked.privacy-declined'] }));
  });

  it('offers the settings page when the album/camera permission is off, and opens it on confirm', async () => {
    taro.chooseMedia.mockRejectedValueOnce({ errMsg: 'chooseMedia:fail auth deny', errno: 103 });
    taro.showModal.mockResolvedValueOnce({ confirm: true, cancel: false });
    await pickPhotos(1);
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: zh['photo.blocked.permission-denied'], showCancel: true, confirmText: zh['photo.blocked.openSetting'] }));
    expect(taro.openSetting).toHaveBeenCalledTimes(1);
  });
});
