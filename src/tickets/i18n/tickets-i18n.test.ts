import { TicketCategories } from '@core/api/tickets';
import { i18n } from '../../i18n';
import { itIsACompleteBundle } from '../../test-support/subpackage-strings';
import en from './en';
import zhCN from './zh-CN';
import '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const dictionaries = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> };

describe('tickets subpackage strings', () => {
  itIsACompleteBundle(zhCN, en);

  it.each(Object.entries(dictionaries))('%s: names every status, act, rung, category and urgency', (_lng, dict) => {
    const keys = [
      ...['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'evaluated', 'closed', 'suspended', 'merged'].map((s) => `tickets.status.${s}`),
      ...['submit', 'accept', 'dispatch', 'sign', 'start', 'progress', 'resolve', 'evaluate', 'close', 'return', 'redispatch', 'supervise', 'suspend', 'resume', 'reopen', 'merge', 'escalate', 'decision'].map(
        (a) => `tickets.act.${a}`,
      ),
      ...[0, 1, 2].map((r) => `tickets.rung.${r}`),
      ...TicketCategories.map((c) => `tickets.category.${c}`),
      ...['normal', 'urgent', 'critical'].map((u) => `tickets.urgency.${u}`),
    ];
    expect(keys.filter((k) => !dict[k])).toEqual([]);
  });

  it('uses the domain’s words for the ladder and the chain', () => {
    expect([zhCN['tickets.rung.0'], zhCN['tickets.rung.1'], zhCN['tickets.rung.2']]).toEqual(['工业社区', '锋领企服队', '锋领企服联盟']);
    expect(zhCN['tickets.act.accept']).toBe('传单');
    expect(zhCN['tickets.act.dispatch']).toBe('派单');
  });

  it('English is really English', () => {
    expect(Object.entries(en).filter(([, v]) => /[\u4e00-\u9fff]/.test(v))).toEqual([]);
  });

  it('joins the app’s i18n instance when the subpackage loads, beside the app’s TICKET.* error texts', () => {
    expect(i18n.t('tickets.status.dispatched', { lng: 'zh-CN' })).toBe('已派单');
    expect(i18n.t('tickets.rung.2', { lng: 'en' })).toBe('Vanguard service alliance');
    expect(i18n.t('error.TICKET.VERSION_CONFLICT', { lng: 'zh-CN' })).toContain('其他人');
  });
});
