import type { ApiResponse } from '@core/api/envelope';
import { ErrorCodes } from '@core/api/errors';
import { taroMock, resetTaroMock } from '../test-support/taro-mock';
import { ApiError, ClientErrorCodes } from './api-error';
import { __setTransportForTests, callFunction, RETRY } from './call-function';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency';
import { setDevOpenid } from './identity';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../test-support/taro-mock').taroMock }));

const ok = <T>(data: T, requestId = 'req-ok'): ApiResponse<T> => ({ ok: true, data, requestId });
const fail = (code: string, requestId = 'req-fail', fields?: Record<string, string>): ApiResponse => ({ ok: false, error: { code, message: `server says ${code}`, fields }, requestId });

/** The gateway's HTTP answer as fetch would give it. */
const httpJson = (body: unknown, status = 200) => ({ status, json: async () => body }) as unknown as Response;

let waits: number[];
let fetchMock: jest.Mock;

beforeEach(() => {
  resetTaroMock();
  waits = [];
  __setTransportForTests(undefined, async (ms) => void waits.push(ms));
  fetchMock = jest.fn();
  (globalThis as { fetch?: unknown }).fetch = fetchMock;
  process.env.TARO_ENV = 'h5';
  process.env.TARO_APP_GATEWAY_URL = 'http://gateway.test:9000';
});

const bodyOf = (call: unknown[]) => JSON.parse((call[1] as RequestInit).body as string);

describe('callFunction on H5 (dev gateway)', () => {
  it('POSTs the event to <gateway>/functions/<name> with the chosen dev openid as X-Openid', async () => {
    setDevOpenid('demo-worker-li');
    fetchMock.mockResolvedValueOnce(httpJson({ result: ok({ role: 'worker' }) }));
    const me = await callFunction('user', 'me', {});
    expect(me).toEqual({ role: 'worker' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://gateway.test:9000/functions/user');
    expect(init.method).toBe('POST');
    expect(init.headers['X-Openid']).toBe('demo-worker-li');
    // A read carries no idempotency key.
    expect(bodyOf(fetchMock.mock.calls[0])).toEqual({ action: 'me', data: {} });
  });

  it('falls back to http://<page host>:9000 when no gateway is configured', async () => {
    process.env.TARO_APP_GATEWAY_URL = '';
    fetchMock.mockResolvedValueOnce(httpJson({ result: ok([]) }));
    await callFunction('user', 'communities', {});
    expect(fetchMock.mock.calls[0][0]).toBe(`http://${location.hostname}:9000/functions/user`);
  });

  it('retries a write after a network failure with the same idempotency key, and returns the answer', async () => {
    fetchMock
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(httpJson({ result: ok({ role: 'manager' }) }));
    const me = await callFunction('user', 'joinEnterprise', { inviteCode: 'YSQCMGR2', name: '王海燕', acceptPrivacy: true }, { write: true });
    expect(me).toEqual({ role: 'manager' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const first = bodyOf(fetchMock.mock.calls[0]);
    const second = bodyOf(fetchMock.mock.calls[1]);
    expect(first.idempotencyKey).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(second).toEqual(first);
    expect(waits).toEqual([RETRY.backoffMs[0]]);
  });

  it('treats a gateway answer without a result (proxy error page) as no answer and retries', async () => {
    fetchMock.mockResolvedValueOnce({ status: 502, json: async () => { throw new SyntaxError('not json'); } } as unknown as Response).mockResolvedValueOnce(httpJson({ result: ok('done') }));
    await expect(callFunction('admin', 'issueInvite', { enterpriseId: 'ent-1' }, { write: true })).resolves.toBe('done');
    expect(bodyOf(fetchMock.mock.calls[1]).idempotencyKey).toBe(bodyOf(fetchMock.mock.calls[0]).idempotencyKey);
  });

  it('retries REQUEST.IN_PROGRESS with the same key and backs off longer each time', async () => {
    fetchMock
      .mockResolvedValueOnce(httpJson({ result: fail(ErrorCodes.REQUEST_IN_PROGRESS) }))
      .mockResolvedValueOnce(httpJson({ result: fail(ErrorCodes.REQUEST_IN_PROGRESS) }))
      .mockResolvedValueOnce(httpJson({ result: ok({ scene: 'E-YSQC' }) }));
    const out = await callFunction('admin', 'createEntryCode', { kind: 'enterprise', enterpriseId: 'ent-1' }, { write: true, idempotencyKey: 'intent-key-123' });
    expect(out).toEqual({ scene: 'E-YSQC' });
    expect(fetchMock.mock.calls.map((c) => bodyOf(c).idempotencyKey)).toEqual(['intent-key-123', 'intent-key-123', 'intent-key-123']);
    expect(waits).toHaveLength(2);
    expect(waits[1]).toBeGreaterThan(waits[0]);
  });

  it('gives up after the last try with a CLIENT.NETWORK ApiError', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const err = await callFunction('user', 'updateSettings', { locale: 'en' }, { write: true }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe(ClientErrorCodes.NETWORK);
    expect(fetchMock).toHaveBeenCalledTimes(RETRY.attempts);
    expect(new Set(fetchMock.mock.calls.map((c) => bodyOf(c).idempotencyKey)).size).toBe(1);
  });

  it('turns an error envelope into an ApiError with code, request id and fields, without retrying', async () => {
    fetchMock.mockResolvedValue(httpJson({ result: fail(ErrorCodes.INPUT_INVALID, 'req-42', { phone: 'not a mobile number' }) }));
    const err = await callFunction('user', 'applyVolunteer', { profession: 'lawyer', name: '徐', organisation: 'x', phone: '1' }, { write: true }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('INPUT.INVALID');
    expect(err.requestId).toBe('req-42');
    expect(err.fields).toEqual({ phone: 'not a mobile number' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("turns the gateway's own { error } into an ApiError", async () => {
    fetchMock.mockResolvedValue(httpJson({ error: { code: 'AUTH.REQUIRED', message: 'no X-Openid' } }, 401));
    const err = await callFunction('user', 'me', {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('AUTH.REQUIRED');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('gives every new intent its own key', async () => {
    fetchMock.mockImplementation(async () => httpJson({ result: ok({}) }));
    await callFunction('user', 'updateSettings', { largeText: true }, { write: true });
    await callFunction('user', 'updateSettings', { largeText: true }, { write: true });
    const [a, b] = fetchMock.mock.calls.map((c) => bodyOf(c).idempotencyKey);
    expect(a).not.toBe(b);
  });
});

describe('callFunction on weapp (WeChat cloud)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    process.env.TARO_APP_CLOUD_ENV = 'env-test-123';
  });

  it('calls Taro.cloud.callFunction with { name, data: event } and never the gateway', async () => {
    taroMock.cloud.callFunction.mockResolvedValue({ result: ok({ role: 'staff' }) });
    await expect(callFunction('user', 'me', {})).resolves.toEqual({ role: 'staff' });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(taroMock.cloud.callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'me', data: {} } });
  });

  it('initialises the cloud once, with the configured environment', async () => {
    taroMock.cloud.callFunction.mockResolvedValue({ result: ok(null) });
    await callFunction('user', 'me', {});
    await callFunction('user', 'me', {});
    // Initialised by the first call of the module's lifetime (possibly in an earlier test) at most once.
    expect(taroMock.cloud.init.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it('retries a failed cloud call with the same idempotency key', async () => {
    taroMock.cloud.callFunction
      .mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail timeout' })
      .mockResolvedValueOnce({ result: ok({ id: 'ent-1' }) });
    await callFunction('admin', 'createEnterprise', { name: '甬森', creditCode: '91330482MA2B7YH01X' }, { write: true });
    const [first, second] = taroMock.cloud.callFunction.mock.calls.map((c) => c[0].data);
    expect(first.idempotencyKey).toMatch(IDEMPOTENCY_KEY_PATTERN);
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
  });

  it('maps a function error envelope to ApiError', async () => {
    taroMock.cloud.callFunction.mockResolvedValue({ result: fail(ErrorCodes.ENTRY_DISABLED, 'req-w1') });
    const err = await callFunction('user', 'enterByScene', { scene: 'E-YSQC' }, { write: true }).catch((e) => e);
    expect(err).toMatchObject({ code: 'ENTRY.DISABLED', requestId: 'req-w1' });
    expect(taroMock.cloud.callFunction).toHaveBeenCalledTimes(1);
  });
});
