import { Textarea } from '@tarojs/components';

/** A multi-line text box drawn the same on weapp and H5. */
export function TextArea({ value, onInput, placeholder, maxlength = 1000, testId }: { value: string; onInput: (v: string) => void; placeholder?: string; maxlength?: number; testId?: string }) {
  return <Textarea className="console-textarea" value={value} maxlength={maxlength} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} data-testid={testId} />;
}
