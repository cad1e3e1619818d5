import Taro from '@tarojs/taro';
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import { cloudEnv, gatewayUrl } from '../env';
import { ApiError, ClientErrorCodes } from './api-error';
import { getDevOpenid } from './identity';

/**
 * One round trip to a cloud function. Resolves with the function's envelope; rejects with an
 * ApiError (code CLIENT.NETWORK when nothing came back, so the caller may retry).
 */
export type Transport = (name: string, event: ApiRequest) => Promise<ApiResponse>;

const TIMEOUT_MS = 15000;

let cloudReady = false;

export function ensureCloud(): void {
  if (cloudReady) return;
  Taro.cloud.init({ env: cloudEnv(), traceUser: true });
  cloudReady = true;
}

/** Mini-program: the WeChat cloud, which adds the caller's identity itself. */
export const weappTransport: Transport = async (name, event) => {
  ensureCloud();
  let res: { result?: unknown };
  try {
    res = (await Taro.cloud.callFunction({ name, data: event as unknown as Record<string, unknown> })) as { result?: unknown };
  } catch (e) {
    throw new ApiError(ClientErrorCodes.NETWORK, e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e));
  }
  if (!isEnvelope(res?.result)) throw new ApiError(ClientErrorCodes.NETWORK, 'the function returned no envelope');
  return res.result;
};

/** H5: the emulator's dev gateway; the chosen dev identity travels as `X-Openid`. */
export const h5Transport: Transport = async (name, event) => {
  const controller = typeof AbortController !== 'undefined' ? new AbortController() : undefined;
  const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const openid = getDevOpenid();
  if (openid) headers['X-Openid'] = openid;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${gatewayUrl()}/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(event),
      signal: controller?.signal,
    });
    body = await response.json().catch(() => undefined);
  } catch (e) {
    throw new ApiError(ClientErrorCodes.NETWORK, e instanceof Error ? e.message : String(e));
  } finally {
    if (timer) clearTimeout(timer);
  }
  const b = body as { result?: unknown; error?: { code?: string; message?: string; requestId?: string } } | undefined;
  if (b && isEnvelope(b.result)) return b.result;
  if (b?.error?.code) throw new ApiError(b.error.code, b.error.message ?? b.error.code, b.error.requestId);
  // A proxy's 502 page or a cut-off body: nothing the function said, so it counts as no answer.
  throw new ApiError(ClientErrorCodes.NETWORK, `gateway answered ${response.status} without a result`);
};

function isEnvelope(v: unknown): v is ApiResponse {
  return !!v && typeof v === 'object' && typeof (v as { ok?: unknown }).ok === 'boolean';
}

export function defaultTransport(): Transport {
  // Not isWeapp(): a constant here lets the weapp build drop the H5 transport (see env.ts).
  return process.env.TARO_ENV === 'weapp' ? weappTransport : h5Transport;
}
