import { Textarea } from '@tarojs/components';
import './text-area.css';

/**
 * How tall the box is drawn. Each feature kept the look its pages were designed with (the browser
 * tests' screenshots pin it): `short` the clinic's, `medium` Q&A's, `tall` the demand and
 * satisfaction forms', `console` the staff console's (the H5 box can be dragged taller there).
 */
export type TextAreaLook = 'short' | 'medium' | 'tall' | 'console';

export interface TextAreaProps {
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  maxlength?: number;
  testId?: string;
  disabled?: boolean;
  look?: TextAreaLook;
}

/** A multi-line text box drawn the same on weapp and H5. */
export function TextArea({ value, onInput, placeholder, maxlength = 1000, testId, disabled, look = 'tall' }: TextAreaProps) {
  return (
    <Textarea
      className={`text-area text-area--${look}`}
      value={value}
      maxlength={maxlength}
      placeholder={placeholder}
      disabled={disabled}
      onInput={(e) => onInput(e.detail.value)}
      data-testid={testId}
    />
  );
}
