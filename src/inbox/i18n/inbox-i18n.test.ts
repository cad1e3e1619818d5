import { NoticeKinds } from '@core/api/notify';
import { i18n } from '../../i18n';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';
import '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

describe('inbox subpackage strings', () => {
  itIsACompleteBundle(zhCN, en);

  it.each(Object.entries({ 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> }))('%s: names every kind of notice', (_lng, dict) => {
    expect(NoticeKinds.filter((k) => !dict[`inbox.kind.${k}`])).toEqual([]);
  });

  it('English is really English', () => {
    expect(Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it('joins the app’s i18n instance when the subpackage loads', () => {
    expect(i18n.t('inbox.kind.qa.answered', { lng: 'zh-CN' })).toBe('您的问题有了答复');
    expect(i18n.t('inbox.kind.ticket.submitted', { lng: 'en' })).toBe('New demand to pass on');
  });
});
