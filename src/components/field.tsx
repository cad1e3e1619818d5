import { Input, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

export interface FieldProps {
  label: string;
  value: string;
  onInput: (v: string) => void;
  placeholder?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  type?: 'text' | 'number' | 'idcard' | 'digit';
  maxlength?: number;
  testId?: string;
}

export function FieldFrame({ label, required, hint, error, children }: PropsWithChildren<{ label: string; required?: boolean; hint?: string; error?: string }>) {
  return (
    <View className="field">
      <View className="field__label">
        {label}
        {required ? <View className="field__required" style={{ display: 'inline' }}>*</View> : null}
      </View>
      {children}
      {error ? <View className="field__error">{error}</View> : hint ? <View className="field__hint">{hint}</View> : null}
    </View>
  );
}

/** A labelled text input. */
export function Field({ label, value, onInput, placeholder, required, hint, error, type = 'text', maxlength = 140, testId }: FieldProps) {
  return (
    <FieldFrame label={label} required={required} hint={hint} error={error}>
      <Input
        className={`field__input${error ? ' field__input--error' : ''}`}
        value={value}
        type={type}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
        data-testid={testId}
      />
    </FieldFrame>
  );
}
