import { QaCategories, QuestionStatuses, type QaMessageKind } from '@core/api/qa';
import { i18n } from '../../i18n';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';
import '.';

const QaMessageKinds: QaMessageKind[] = ['answer', 'request_info', 'follow_up', 'info'];

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

describe('qa subpackage strings', () => {
  itIsACompleteBundle(zhCN, en);

  it.each(Object.entries(dictionaries))('%s: names every category, status and message kind', (_lng, dict) => {
    expect(QaCategories.filter((c) => !dict[`qa.category.${c}`])).toEqual([]);
    expect(QuestionStatuses.filter((s) => !dict[`qa.status.${s}`])).toEqual([]);
    expect(QaMessageKinds.filter((k) => !dict[`qa.kind.${k}`])).toEqual([]);
  });

  it('English is really English', () => {
    expect(Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it('joins the app’s i18n instance when the subpackage loads (the domain’s category names)', () => {
    expect(i18n.t('qa.category.hr', { lng: 'zh-CN' })).toBe('人力资源与招聘');
    expect(i18n.t('qa.category.safety_env', { lng: 'zh-CN' })).toBe('安全与环保');
    expect(i18n.t('qa.status.solved', { lng: 'en' })).toBe('Solved');
  });
});
