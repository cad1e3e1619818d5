import { ErrorCodes } from '@core/api/errors';
import { Professions, Roles } from '@core/api/roles';
import { ClientErrorCodes } from '../services/api-error';
import en from './en';
import { errorMessage, translate } from './index';
import zhCN from './zh-CN';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../test-support/taro-mock').taroMock }));

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

describe('i18n completeness', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zhKeys = Object.keys(zhCN).sort();
    const enKeys = Object.keys(en).sort();
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(zhKeys.length).toBeGreaterThan(100);
  });

  it.each(Object.entries(dictionaries))('%s: every message is non-empty and keeps the same placeholders as zh-CN', (_lng, dict) => {
    for (const [key, value] of Object.entries(dict)) {
      expect(`${key}: ${value.trim()}`).not.toBe(`${key}: `);
      const placeholders = (s: string) => (s.match(/\{\{\s*\w+\s*\}\}/g) ?? []).sort();
      expect([key, placeholders(value)]).toEqual([key, placeholders((zhCN as Record<string, string>)[key])]);
    }
  });

  it.each(Object.entries(dictionaries))('%s: translates every error code of core/api/errors.ts, and the client-side ones', (_lng, dict) => {
    const codes = [...Object.values(ErrorCodes), ...Object.values(ClientErrorCodes)];
    expect(codes.filter((c) => !dict[`error.${c}`])).toEqual([]);
    expect(dict['error.fallback']).toBeTruthy();
  });

  it.each(Object.entries(dictionaries))('%s: names every role and profession', (_lng, dict) => {
    expect(Roles.filter((r) => !dict[`role.${r}`])).toEqual([]);
    expect(Professions.filter((p) => !dict[`profession.${p}`])).toEqual([]);
  });

  it('English is really English (no untranslated Chinese outside the language picker)', () => {
    const chinese = Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v));
    expect(chinese).toEqual([]);
  });
});

describe('translate', () => {
  it('uses the role names of the domain', () => {
    expect(translate('zh-CN', 'role.worker')).toBe('职工');
    expect(translate('zh-CN', 'role.manager')).toBe('企业联络员');
    expect(translate('zh-CN', 'profession.lawyer')).toBe('律师');
    expect(translate('zh-CN', 'role.staff')).toBe('社区工作者');
    expect(translate('en', 'role.worker')).toBe('Worker');
  });

  it('interpolates values', () => {
    expect(translate('zh-CN', 'home.worker.text', { enterprise: '嘉兴甬森' })).toBe('您已作为职工加入嘉兴甬森。');
    expect(translate('en', 'error.requestId', { id: 'req-1' })).toBe('Request id: req-1');
  });

  it('translates error codes with dots as one key, and falls back for unknown codes', () => {
    expect(errorMessage('zh-CN', 'INVITE.EXPIRED')).toBe(zhCN['error.INVITE.EXPIRED']);
    expect(errorMessage('en', 'ENTRY.UNKNOWN_SCENE')).toBe(en['error.ENTRY.UNKNOWN_SCENE']);
    expect(errorMessage('en', 'SOMETHING.NEW')).toBe(en['error.fallback']);
    expect(errorMessage('zh-CN', 'SOMETHING.NEW')).toBe(zhCN['error.fallback']);
  });
});

describe('fieldLabel', () => {
  it('names the fields of an INPUT.INVALID answer as the forms do, by the first path segment', async () => {
    const { fieldLabel } = await import('./index');
    expect(fieldLabel('zh-CN', 'phone')).toBe('手机号');
    expect(fieldLabel('en', 'workshops.2')).toBe('Workshops');
    expect(fieldLabel('en', 'somethingElse')).toBe('somethingElse');
  });
});
