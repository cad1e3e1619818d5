import mainEn from '../i18n/en';
import mainZh from '../i18n/zh-CN';

const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();

/**
 * The checks every subpackage's string bundle must pass (call inside its `describe`): zh-CN and
 * en have exactly the same keys, none shadows an app key, and every message is non-empty and
 * keeps the placeholders of zh-CN.
 */
export function itIsACompleteBundle(zhCN: Record<string, string>, en: Record<string, string>): void {
  it('zh-CN and en have exactly the same keys, none shadowing an app key', () => {
    const zhKeys = Object.keys(zhCN).sort();
    expect(Object.keys(en).sort()).toEqual(zhKeys);
    expect(zhKeys.filter((k) => k in mainZh || k in mainEn)).toEqual([]);
  });

  it.each(Object.entries({ 'zh-CN': zhCN, en }))('%s: every message is non-empty and keeps the placeholders of zh-CN', (_lng, dict) => {
    for (const [key, value] of Object.entries(dict)) {
      expect(`${key}: ${value.trim()}`).not.toBe(`${key}: `);
      expect([key, placeholders(value)]).toEqual([key, placeholders(zhCN[key])]);
    }
  });
}
