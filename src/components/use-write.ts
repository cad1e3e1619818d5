import { useRef, useState } from 'react';
import { toApiError, type ApiError } from '../services/api-error';
import { newIdempotencyKey } from '../services/idempotency';

/** A write the user asked for: called with the idempotency key of that intent. */
export type WriteFn<T> = (key: string) => Promise<T>;
/** Sees a failure first; `true` means handled here, so no error is shown. */
export type OnWriteError = (error: ApiError, thrown: unknown) => boolean | void;

export interface Write {
  /** A write is on its way: the button shows 处理中 and further taps are ignored. */
  busy: boolean;
  /** The last failure, for `<ErrorNote>` (which shows the i18n message for its code). */
  error: ApiError | undefined;
  /**
   * Runs one user intent. `intent` names it (the input, the row, the version read): the same
   * intent keeps its idempotency key until it succeeds, so a tap on 重试 after a lost answer is
   * the same write for the server; another intent, or the same one after success, gets a new key.
   * Resolves to the write's result, or undefined when it failed or a write was already running.
   */
  run<T>(intent: unknown, write: WriteFn<T>, onError?: OnWriteError): Promise<T | undefined>;
  /** Runs the last failed intent again, with its key. */
  retry(): Promise<unknown>;
  /** Shows (or clears) an error found before sending, e.g. a form's own check. */
  setError(error: ApiError | undefined): void;
}

interface Attempt {
  intent: unknown;
  write: WriteFn<unknown>;
  onError?: OnWriteError;
}

/** The busy flag, error, idempotency key and retry of a screen's writes, in one place. */
export function useWrite(): Write {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const state = useRef({ running: false, keys: new Map<string, string>(), failed: undefined as Attempt | undefined });

  const run = async <T,>(intent: unknown, write: WriteFn<T>, onError?: OnWriteError): Promise<T | undefined> => {
    const s = state.current;
    // The flag is read synchronously: a second tap lands before React re-renders the button.
    if (s.running) return undefined;
    const signature = JSON.stringify(intent) ?? '';
    let key = s.keys.get(signature);
    if (!key) {
      key = newIdempotencyKey();
      s.keys.set(signature, key);
    }
    s.running = true;
    setBusy(true);
    setError(undefined);
    try {
      const result = await write(key);
      s.keys.delete(signature);
      s.failed = undefined;
      return result;
    } catch (e) {
      const err = toApiError(e);
      s.failed = { intent, write, onError };
      if (!onError?.(err, e)) setError(err);
      return undefined;
    } finally {
      s.running = false;
      setBusy(false);
    }
  };

  const retry = async (): Promise<unknown> => {
    const failed = state.current.failed;
    return failed ? run(failed.intent, failed.write, failed.onError) : undefined;
  };

  return { busy, error, run, retry, setError };
}
