import { ExportKinds } from '@core/api/console';
import { QaCategories } from '@core/api/qa';
import { TicketCategories } from '@core/api/tickets';
import mainEn from '../../i18n/en';
import mainZh from '../../i18n/zh-CN';
import en from './en';
import zhCN from './zh-CN';

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };
const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();

describe('staff console strings', () => {
  it('zh-CN and en have exactly the same keys, none shadowing an app key', () => {
    const zhKeys = Object.keys(zhCN).sort();
    expect(Object.keys(en).sort()).toEqual(zhKeys);
    expect(zhKeys.filter((k) => k in mainZh || k in mainEn)).toEqual([]);
  });

  it.each(Object.entries(dictionaries))('%s: every message is non-empty and keeps the placeholders of zh-CN', (_lng, dict) => {
    for (const [key, value] of Object.entries(dict)) {
      expect(`${key}: ${value.trim()}`).not.toBe(`${key}: `);
      expect([key, placeholders(value)]).toEqual([key, placeholders((zhCN as Record<string, string>)[key])]);
    }
  });

  it.each(Object.entries(dictionaries))('%s: names every ticket and question category and every export kind', (_lng, dict) => {
    const keys = [...TicketCategories.map((c) => `console.category.${c}`), ...QaCategories.map((c) => `console.qaCategory.${c}`), ...ExportKinds.map((k) => `console.exports.kind.${k}`)];
    expect(keys.filter((k) => !dict[k])).toEqual([]);
  });
});
