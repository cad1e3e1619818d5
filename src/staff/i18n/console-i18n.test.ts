import { ExportKinds } from '@core/api/console';
import { QaCategories } from '@core/api/qa';
import { TicketCategories } from '@core/api/tickets';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

describe('staff console strings', () => {
  itIsACompleteBundle(zhCN, en);

  it.each(Object.entries(dictionaries))('%s: names every ticket and question category and every export kind', (_lng, dict) => {
    const keys = [...TicketCategories.map((c) => `console.category.${c}`), ...QaCategories.map((c) => `console.qaCategory.${c}`), ...ExportKinds.map((k) => `console.exports.kind.${k}`)];
    expect(keys.filter((k) => !dict[k])).toEqual([]);
  });
});
