import { Text, View } from '@tarojs/components';
import type { PropsWithChildren, ReactNode } from 'react';
import { errorMessage, fieldLabel, useT } from '../i18n';
import type { ApiError } from '../services/api-error';
import { useAppStore } from '../store';

export function PageHead({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <View className="page__head">
      <View className="page__title">{title}</View>
      {subtitle ? <View className="page__subtitle">{subtitle}</View> : null}
    </View>
  );
}

export function Card({ title, className, children, testId }: PropsWithChildren<{ title?: ReactNode; className?: string; testId?: string }>) {
  return (
    <View className={`card${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title ? <View className="card__title">{title}</View> : null}
      {children}
    </View>
  );
}

export interface BtnProps {
  onClick?: () => void;
  kind?: 'primary' | 'secondary' | 'danger' | 'ghost';
  small?: boolean;
  disabled?: boolean;
  busy?: boolean;
  testId?: string;
}

/** A button drawn the same on weapp and H5 (the native ones differ a lot). */
export function Btn({ onClick, kind = 'primary', small, disabled, busy, testId, children }: PropsWithChildren<BtnProps>) {
  const t = useT();
  const off = disabled || busy;
  const cls = ['btn', kind !== 'primary' ? `btn--${kind}` : '', small ? 'btn--small' : '', off ? 'btn--disabled' : ''].filter(Boolean).join(' ');
  return (
    <View
      className={cls}
      hoverClass={off ? 'none' : 'btn--hover'}
      onClick={() => {
        if (!off && onClick) onClick();
      }}
      data-testid={testId}
      aria-disabled={off ? 'true' : undefined}
      role="button"
    >
      {busy ? t('common.working') : children}
    </View>
  );
}

/** A failed call, in the user's language, with the request id to quote when reporting it. */
export function ErrorNote({ error, onRetry }: { error?: ApiError; onRetry?: () => void }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  if (!error) return null;
  const fields = error.fields ? [...new Set(Object.keys(error.fields).map((path) => fieldLabel(locale, path)))] : [];
  return (
    <View className="error-note" data-testid="error" data-code={error.code}>
      <View>{errorMessage(locale, error.code)}</View>
      {fields.length ? <View className="error-note__fields">{t('error.fields', { fields: fields.join(', ') })}</View> : null}
      {error.requestId ? <View className="error-note__id">{t('error.requestId', { id: error.requestId })}</View> : null}
      {onRetry ? (
        <View style={{ marginTop: '8px' }}>
          <Btn kind="ghost" small onClick={onRetry}>
            {t('common.retry')}
          </Btn>
        </View>
      ) : null}
    </View>
  );
}

export function Loading() {
  const t = useT();
  return <View className="loading">{t('common.loading')}</View>;
}

export function Empty({ text }: { text: string }) {
  return <View className="empty">{text}</View>;
}

export function Badge({ kind, children }: PropsWithChildren<{ kind?: 'warn' | 'ok' | 'bad' | 'muted' }>) {
  return <Text className={`badge${kind ? ` badge--${kind}` : ''}`}>{children}</Text>;
}

export function Toggle({ on, onChange, label, hint, testId }: { on: boolean; onChange: (on: boolean) => void; label: string; hint?: string; testId?: string }) {
  return (
    <View className="toggle-row" onClick={() => onChange(!on)} data-testid={testId} data-checked={on ? 'true' : 'false'} role="switch" aria-checked={on ? 'true' : 'false'}>
      <View>
        <View>{label}</View>
        {hint ? <View className="muted">{hint}</View> : null}
      </View>
      <View className={`toggle${on ? ' toggle--on' : ''}`}>
        <View className="toggle__knob" />
      </View>
    </View>
  );
}

export function Chips<T extends string>({ options, value, onChange, testIdPrefix }: { options: { value: T; label: string; testId?: string }[]; value?: T; onChange: (v: T) => void; testIdPrefix?: string }) {
  return (
    <View className="chips">
      {options.map((o) => (
        <View
          key={o.value}
          className={`chip${o.value === value ? ' chip--on' : ''}`}
          onClick={() => onChange(o.value)}
          data-testid={o.testId ?? (testIdPrefix ? `${testIdPrefix}-${o.value}` : undefined)}
          data-selected={o.value === value ? 'true' : 'false'}
          role="radio"
          aria-checked={o.value === value ? 'true' : 'false'}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}

export function LoadMore({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  const t = useT();
  if (!hasMore) return null;
  return (
    <View style={{ marginTop: '12px' }}>
      <Btn kind="ghost" busy={loading} onClick={onMore} testId="load-more">
        {t('common.loadMore')}
      </Btn>
    </View>
  );
}
