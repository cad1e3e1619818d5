import { ErrorCodes } from '@core/api/errors';
import { CaseKinds, RatingDimensions, SurveyQuestionKinds } from '@core/api/revisit';
import { TicketCategories } from '@core/api/tickets';
import { QaCategories } from '@core/api/qa';
import { i18n } from '../../i18n';
import mainZh from '../../i18n/zh-CN';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';
import { localized } from '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

describe('revisit subpackage strings', () => {
  itIsACompleteBundle(zhCN, en);

  it.each(Object.entries(dictionaries))('%s: names every case kind, dimension, star, question kind and ticket category', (_lng, dict) => {
    const keys = [
      ...CaseKinds.map((k) => `revisit.caseKind.${k}`),
      ...RatingDimensions.map((d) => `revisit.dim.${d}`),
      ...[1, 2, 3, 4, 5].map((n) => `revisit.star.${n}`),
      ...SurveyQuestionKinds.map((k) => `revisit.form.kind.${k}`),
      ...TicketCategories.map((c) => `revisit.category.${c}`),
      ...QaCategories.map((c) => `revisit.qaCategory.${c}`),
      ...['self', 'phone', 'onsite'].map((v) => `revisit.target.via.${v}`),
    ];
    expect(keys.filter((k) => !dict[k])).toEqual([]);
  });

  it('uses the domain’s words', () => {
    expect([zhCN['revisit.dim.speed'], zhCN['revisit.dim.attitude'], zhCN['revisit.dim.result']]).toEqual(['办理速度', '服务态度', '办理结果']);
    expect(mainZh['revisitNav.pending']).toBe('待评价');
    expect(zhCN['revisit.campaigns.subtitle']).toContain('每年一回访');
  });

  it('English is really English', () => {
    expect(Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it('joins the app’s i18n instance when the subpackage loads, beside the app’s REVISIT.* error texts', () => {
    expect(i18n.t('revisit.rate.reopened', { lng: 'zh-CN' })).toContain('重新办理');
    expect(i18n.t('revisit.survey.submit', { lng: 'en' })).toBe('Submit survey');
    expect(i18n.t(`error.${ErrorCodes.REVISIT_ANSWER_INVALID}`, { lng: 'en' })).not.toBe(`error.${ErrorCodes.REVISIT_ANSWER_INVALID}`);
  });

  it('a form’s text: English for an English reader when there is some, else the Chinese', () => {
    expect(localized('en', { zh: '总体满意度', en: 'Overall satisfaction' })).toBe('Overall satisfaction');
    expect(localized('en', { zh: '总体满意度', en: '  ' })).toBe('总体满意度');
    expect(localized('en', { zh: '总体满意度' })).toBe('总体满意度');
    expect(localized('zh-CN', { zh: '总体满意度', en: 'Overall satisfaction' })).toBe('总体满意度');
  });
});
