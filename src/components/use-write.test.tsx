import { act, useEffect } from 'react';
import { View } from '@tarojs/components';
import type { ApiResponse } from '@core/api/envelope';
import { errorMessage } from '../i18n';
import { callFunction } from '../services/call-function';
import { IDEMPOTENCY_KEY_PATTERN } from '../services/idempotency';
import { resetAppStore } from '../store';
import { fail, flush, ok, installFakeTransport } from '../test-support/fake-transport';
import { resetTaroMock } from '../test-support/taro-mock';
import { Btn, ErrorNote } from './ui';
import { useWrite, type OnWriteError, type Write } from './use-write';
import { setupTestRoot } from '../test-support/test-root';

jest.mock('@tarojs/components', () => require('../test-support/components-mock'));
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../test-support/taro-mock').taroMock }));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const { calls, handlers } = installFakeTransport();

/** A screen with one write: the settings save, sent as the pages send their writes. */
let write: Write;
function Screen({ largeText = true, onError }: { largeText?: boolean; onError?: OnWriteError }) {
  const w = useWrite();
  // The test reads the screen's latest write after each committed render.
  useEffect(() => {
    write = w;
  });
  const save = () => w.run({ largeText }, (key) => callFunction('user', 'updateSettings', { largeText }, { write: true, idempotencyKey: key }), onError);
  return (
    <View>
      <ErrorNote error={w.error} />
      <Btn busy={w.busy} onClick={() => void save()} testId="save">
        save
      </Btn>
    </View>
  );
}

const view = setupTestRoot();
const $ = (id: string) => view.host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
const render = (el: JSX.Element) => act(async () => view.root.render(el));
const tap = (id: string) => act(async () => $(id)!.click());
const keys = () => calls.map((c) => c.event.idempotencyKey);

/** An answer the test releases when it wants, to look at the screen while the write is on its way. */
function held(): { answer: Promise<ApiResponse>; release: (r: ApiResponse) => void } {
  let release!: (r: ApiResponse) => void;
  const answer = new Promise<ApiResponse>((resolve) => (release = resolve));
  return { answer, release };
}

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
});

describe('useWrite', () => {
  it('is busy while the write is on its way, sends one key, and ignores taps meanwhile', async () => {
    const h = held();
    handlers['user.updateSettings'] = () => h.answer;
    await render(<Screen />);
    await tap('save');
    expect(write.busy).toBe(true);
    expect($('save')!.getAttribute('aria-disabled')).toBe('true');
    // A double tap, and a run from code that does not look at the button: both ignored.
    await tap('save');
    let second: unknown = 'not run';
    await act(async () => {
      second = await write.run({ largeText: true }, async () => 'again');
    });
    expect(second).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0].event.idempotencyKey).toMatch(IDEMPOTENCY_KEY_PATTERN);

    await act(async () => h.release(ok({ openid: 'o' })));
    await flush();
    expect(write.busy).toBe(false);
    expect(write.error).toBeUndefined();
    expect($('error')).toBeNull();
  });

  it('resolves to what the write returned', async () => {
    await render(<Screen />);
    let result: unknown;
    await act(async () => {
      result = await write.run('x', async (key) => `done with ${key.length > 0}`);
    });
    expect(result).toBe('done with true');
  });

  it('shows a failure as the translated message of its code, with the request id', async () => {
    handlers['user.updateSettings'] = () => fail('TICKET.VERSION_CONFLICT');
    await render(<Screen />);
    await tap('save');
    await flush();
    expect(write.busy).toBe(false);
    expect(write.error?.code).toBe('TICKET.VERSION_CONFLICT');
    expect($('error')!.getAttribute('data-code')).toBe('TICKET.VERSION_CONFLICT');
    expect($('error')!.textContent).toContain(errorMessage('zh-CN', 'TICKET.VERSION_CONFLICT'));
    expect($('error')!.textContent).toContain('r-fail');
  });

  it('anything else thrown shows as INTERNAL', async () => {
    await render(<Screen />);
    await act(async () => {
      await write.run('x', async () => {
        throw new TypeError('boom');
      });
    });
    expect(write.error?.code).toBe('INTERNAL');
    expect($('error')!.textContent).toContain(errorMessage('zh-CN', 'INTERNAL'));
  });

  it('重试 after a failure is the same intent: the same key; success clears the error', async () => {
    handlers['user.updateSettings'] = [() => fail('INTERNAL'), () => ok({ openid: 'o' })];
    await render(<Screen />);
    await tap('save');
    await flush();
    expect(write.error?.code).toBe('INTERNAL');
    await act(async () => {
      await write.retry();
    });
    await flush();
    expect(calls).toHaveLength(2);
    expect(keys()[1]).toBe(keys()[0]);
    expect(write.error).toBeUndefined();
    // Nothing failed since: retry has nothing to do.
    await act(async () => {
      await write.retry();
    });
    expect(calls).toHaveLength(2);
  });

  it('a tap on the same button after a lost answer keeps the key too (the network retries inside callFunction did too)', async () => {
    const lost = () => {
      throw new Error('timeout');
    };
    handlers['user.updateSettings'] = [lost, lost, lost, () => ok({ openid: 'o' })];
    await render(<Screen />);
    await tap('save');
    await flush();
    expect(write.error?.code).toBe('CLIENT.NETWORK');
    await tap('save');
    await flush();
    expect(calls).toHaveLength(4);
    expect(new Set(keys()).size).toBe(1);
    expect(write.error).toBeUndefined();
  });

  it('a new intent gets a new key, and so does the same intent once it succeeded', async () => {
    handlers['user.updateSettings'] = [() => fail('INTERNAL'), () => ok({ openid: 'o' }), () => ok({ openid: 'o' })];
    await render(<Screen largeText />);
    await tap('save');
    await flush();
    // The form changed: another intent.
    await render(<Screen largeText={false} />);
    await tap('save');
    await flush();
    expect(keys()[1]).not.toBe(keys()[0]);
    // The same form again after it was saved: a new write, not a replay of the last one.
    await tap('save');
    await flush();
    expect(calls).toHaveLength(3);
    expect(keys()[2]).not.toBe(keys()[1]);
  });

  it('a failure the screen handles itself is not shown', async () => {
    handlers['user.updateSettings'] = () => fail('USER.PRIVACY_REQUIRED');
    const seen: string[] = [];
    await render(<Screen onError={(e) => (seen.push(e.code), true)} />);
    await tap('save');
    await flush();
    expect(seen).toEqual(['USER.PRIVACY_REQUIRED']);
    expect(write.error).toBeUndefined();
    expect($('error')).toBeNull();
  });

  it('setError shows a problem found before sending; the next run clears it', async () => {
    handlers['user.updateSettings'] = () => ok({ openid: 'o' });
    await render(<Screen />);
    const { ApiError } = await import('../services/api-error');
    await act(async () => write.setError(new ApiError('INPUT.INVALID', 'answers')));
    expect($('error')!.getAttribute('data-code')).toBe('INPUT.INVALID');
    await tap('save');
    await flush();
    expect($('error')).toBeNull();
  });
});
