/**
 * A form's check is the server's: the same schema (core/contract), the same INPUT.INVALID answer
 * with the same field messages, and each field's problem in words (zh/en).
 */
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorCodes } from '@core/api/errors';
import { clinicContract } from '@core/contract/clinic';
import { fieldMessages } from '@core/contract/issues';
import { qaContract } from '@core/contract/qa';
import { ticketsContract } from '@core/contract/tickets';
import { useAppStore } from '../store';
import { checkForm } from './check';
import { useFieldMessage } from './i18n';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../test-support/taro-mock').taroMock }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const submit = ticketsContract.actions.submit.input;

describe('checkForm', () => {
  it('passes a valid demand and answers what the schema parsed (trimmed)', () => {
    const r = checkForm(submit, { title: '  招工难  ', description: '需要 20 名焊工', category: 'recruiting' });
    expect(r).toEqual({ ok: true, data: { title: '招工难', description: '需要 20 名焊工', category: 'recruiting' } });
  });

  it('refuses an empty demand with the answer the server gives: INPUT.INVALID, one message per field', () => {
    const value = { title: ' ', description: '', category: undefined as unknown as 'other' };
    const r = checkForm(submit, value);
    if (r.ok) throw new Error('should be refused');
    expect(r.error.code).toBe(ErrorCodes.INPUT_INVALID);
    // The server builds its fields with the same function from the same schema's issues.
    const server = submit.safeParse(value);
    expect(server.success).toBe(false);
    expect(r.error.fields).toEqual(fieldMessages(server.error!.issues));
    expect(Object.keys(r.error.fields!).sort()).toEqual(['category', 'description', 'title']);
    expect(r.fields).toEqual({ title: { kind: 'required' }, description: { kind: 'required' }, category: { kind: 'required' } });
  });

  it('names a text over its length, and a slot out of range', () => {
    const long = checkForm(qaContract.actions.ask.input, { title: '工伤认定', description: '长'.repeat(2001), category: 'hr' });
    expect(long.ok ? undefined : long.fields).toEqual({ description: { kind: 'tooLong', max: 2000 } });
    const slot = checkForm(clinicContract.actions.book.input, { sessionId: '2026-03-02-am', profession: 'lawyer', slotIndex: -1, description: '合同纠纷' });
    expect(slot.ok ? undefined : slot.fields).toEqual({ slotIndex: { kind: 'outOfRange' } });
  });

  it('refuses 改派 with a note instead of a reason (a key the act does not take)', () => {
    const r = checkForm(ticketsContract.actions.act.input, { id: 't1', version: 2, act: 'redispatch', note: '不属于本单位职责', leadUnitId: 'unit-hrss' } as never);
    expect(r.ok).toBe(false);
    expect(checkForm(ticketsContract.actions.act.input, { id: 't1', version: 2, act: 'redispatch', reason: '不属于本单位职责', leadUnitId: 'unit-hrss' }).ok).toBe(true);
  });
});

describe('field messages', () => {
  function messages(locale: 'zh-CN' | 'en'): string[] {
    useAppStore.setState({ locale });
    const out: string[] = [];
    function Probe() {
      const message = useFieldMessage();
      out.push(
        ...[message({ kind: 'required' }), message({ kind: 'required' }, { choice: true }), message({ kind: 'tooLong', max: 60 }), message({ kind: 'tooShort', min: 4 }), message({ kind: 'outOfRange' }), message({ kind: 'invalid' })].map(String),
      );
      return null;
    }
    const root = createRoot(document.createElement('div'));
    act(() => root.render(createElement(Probe)));
    act(() => root.unmount());
    return out;
  }

  it('in Chinese and in English', () => {
    expect(messages('zh-CN')).toEqual(['必填', '请选择', '最多 60 个字', '至少 4 个字', '超出允许范围', '格式不正确']);
    expect(messages('en')).toEqual(['Required', 'Choose', 'At most 60 characters', 'At least 4 characters', 'Out of the allowed range', 'Not in the right format']);
  });
});
