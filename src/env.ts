/**
 * Build-time settings, inlined by Taro (config/index.ts defines every one, '' when unset).
 * Read through functions so tests can set process.env before a call. Code meant for H5 only
 * tests `process.env.TARO_ENV` itself where it branches: the weapp build then sees a constant
 * and drops that code (no emulator address in the mini-program; test-app/weapp-release.test.ts).
 */
export function gatewayUrl(): string {
  if (process.env.TARO_ENV === 'weapp') throw new Error('the mini-program has no dev gateway: it calls CloudBase');
  const configured = process.env.TARO_APP_GATEWAY_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const host = typeof location !== 'undefined' && location.hostname ? location.hostname : '127.0.0.1';
  return `http://${host}:9000`;
}

export function devLoginEnabled(): boolean {
  return process.env.TARO_APP_DEV_LOGIN === 'true';
}

export function cloudEnv(): string | undefined {
  return process.env.TARO_APP_CLOUD_ENV || undefined;
}

export function isH5(): boolean {
  return process.env.TARO_ENV === 'h5';
}

export function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}
