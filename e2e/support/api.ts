/** Calling the functions directly through the worker's dev gateway (setup and checks, never the screens' writes). */
import type { ApiResponse } from '../../core/api/envelope';
import type { Env } from './env';

export async function callFn<T>(gatewayUrl: string, fn: string, action: string, data: unknown, openid: string, idempotencyKey?: string): Promise<ApiResponse<T>> {
  const res = await fetch(`${gatewayUrl}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(idempotencyKey ? { action, data, idempotencyKey } : { action, data }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { result?: ApiResponse<T>; error?: { code: string; message: string } };
  if (body.error) throw new Error(`gateway error ${body.error.code}: ${body.error.message}`);
  return body.result as ApiResponse<T>;
}

export async function okFn<T>(gatewayUrl: string, fn: string, action: string, data: unknown, openid: string): Promise<T> {
  const r = await callFn<T>(gatewayUrl, fn, action, data, openid);
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

export interface UserRowLite {
  openid: string;
  role: string;
  name?: string;
  enterpriseName?: string;
}

export async function listAllUsers(gatewayUrl: string, role?: string): Promise<UserRowLite[]> {
  const rows: UserRowLite[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await okFn<{ items: UserRowLite[]; nextCursor?: string }>(gatewayUrl, 'admin', 'listUsers', { ...(role ? { role } : {}), ...(cursor ? { cursor } : {}) }, 'demo-admin');
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error('admin.listUsers: more than 50 pages');
}


/** Moves the emulator's clock (the functions' "now"); `null` returns it to real time. */
export async function setEmulatorClock(gatewayUrl: string, now: string | null): Promise<void> {
  const res = await fetch(`${gatewayUrl}/__emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(now === null ? { reset: true } : { now }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`emulator clock ${now ?? 'reset'}: HTTP ${res.status}`);
}

/** 'YYYY-MM' in Beijing time, `delta` months from now. */
export function beijingMonth(delta = 0): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const n = d.getUTCFullYear() * 12 + d.getUTCMonth() + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}


/** A writer through the gateway that fails loudly, one idempotency key per call. */
export function issue15Writer(env: Env) {
  let n = 0;
  return <T>(fn: string, action: string, data: unknown, openid: string) =>
    callFn<T>(env.gatewayUrl, fn, action, data, openid, `e2e-i15-${Date.now()}-${++n}`).then((r) => {
      if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
      return r.data;
    });
}
