import { i18n } from '../../i18n';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';
import '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

describe('account subpackage strings', () => {
  itIsACompleteBundle(zhCN, en);

  it('English is really English', () => {
    expect(Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it('names every kind of open work 注销 refuses on (ACCOUNT.HAS_OPEN_WORK fields)', () => {
    for (const k of ['duties', 'handovers', 'claims', 'bookings']) expect(i18n.t(`account.open.${k}`, { lng: 'en', n: 2 })).not.toBe(`account.open.${k}`);
  });
});
