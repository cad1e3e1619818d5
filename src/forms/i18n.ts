import { i18n, useT } from '../i18n';
import type { FieldProblem } from '@core/contract/issues';

// The forms' field messages beyond the app's own `form.required` / `form.choose`, brought into the
// app's i18n instance by the subpackages that check a form (not into the main package's
// dictionary: the main package is at its budget).
const zhCN = {
  'form.tooLong': '最多 {{max}} 个字',
  'form.tooShort': '至少 {{min}} 个字',
  'form.outOfRange': '超出允许范围',
  'form.invalid': '格式不正确',
};
const en: typeof zhCN = {
  'form.tooLong': 'At most {{max}} characters',
  'form.tooShort': 'At least {{min}} characters',
  'form.outOfRange': 'Out of the allowed range',
  'form.invalid': 'Not in the right format',
};
i18n.addResourceBundle('zh-CN', 'translation', zhCN, false, false);
i18n.addResourceBundle('en', 'translation', en, false, false);

type FormKey = keyof typeof zhCN | 'form.required' | 'form.choose';

/**
 * A field's problem in the current language; `choice` for a field picked from options (chips),
 * whose missing value reads 请选择 rather than 必填.
 */
export function useFieldMessage(): (problem: FieldProblem | undefined, opts?: { choice?: boolean }) => string | undefined {
  const t = useT() as unknown as (key: FormKey, values?: Record<string, string | number>) => string;
  return (p, opts) => {
    if (!p) return undefined;
    switch (p.kind) {
      case 'required':
        return t(opts?.choice ? 'form.choose' : 'form.required');
      case 'tooLong':
        return t('form.tooLong', { max: p.max });
      case 'tooShort':
        return t('form.tooShort', { min: p.min });
      case 'outOfRange':
        return t('form.outOfRange');
      default:
        return t(opts?.choice ? 'form.choose' : 'form.invalid');
    }
  };
}
