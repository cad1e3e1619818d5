import { i18n } from '../../i18n';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';
import '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

describe('clinic subpackage strings', () => {
  itIsACompleteBundle(zhCN, en);

  it.each(Object.entries(dictionaries))('%s: names every weekday, session kind, booking and handover status', (_lng, dict) => {
    const keys = [
      ...[1, 2, 3, 4, 5, 6, 7].map((d) => `clinic.weekday.${d}`),
      ...['regular', 'make_up', 'extra'].map((k) => `clinic.kind.${k}`),
      ...['confirmed', 'cancelled', 'attended', 'no_show'].map((s) => `clinic.status.${s}`),
      ...['offered', 'accepted', 'declined', 'withdrawn'].map((s) => `clinic.handover.${s}`),
      ...['booked', 'rotation', 'handover'].map((s) => `clinic.source.${s}`),
    ];
    expect(keys.filter((k) => !dict[k])).toEqual([]);
  });

  it('English is really English', () => {
    expect(Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it('joins the app’s i18n instance when the subpackage loads, beside the app’s CLINIC.* error texts', () => {
    expect(i18n.t('clinic.weekday.3', { lng: 'zh-CN' })).toBe('周三');
    expect(i18n.t('clinic.kind.make_up', { lng: 'zh-CN' })).toBe('调休上班日');
    expect(i18n.t('clinic.status.no_show', { lng: 'en' })).toBe('No-show');
    expect(i18n.t('error.CLINIC.SESSION_FULL', { lng: 'zh-CN' })).toContain('候补');
  });
});
