/**
 * What a production mini-program build must and must not be built with. config/index.ts refuses a
 * production weapp build that breaks any rule (the build stops before compiling anything), and
 * `npm run deploy -- --check` (scripts/preflight.ts) runs the same rules.
 *
 *  - no development tool: the dev login (TARO_APP_DEV_LOGIN, the screen listing the demo users)
 *    and the emulator's gateway (TARO_APP_GATEWAY_URL) are for H5 and `npm start` only;
 *  - the mini-program's appid (TARO_APP_ID: Taro writes it into dist/project.config.json) is a
 *    real one: cloud development does not work with the tourist appid
 *    (developers.weixin.qq.com/miniprogram/dev/wxcloud/basis/getting-started.html);
 *  - the CloudBase environment the app calls (TARO_APP_CLOUD_ENV, `Taro.cloud.init({ env })`).
 *
 * The values come from the shell or from `.env.production` (Taro loads `.env.<mode>`); CI and the
 * tests build with `--mode ci`, whose `.env.ci` is a complete configuration with made-up ids.
 */
export interface ReleaseEnv {
  TARO_APP_ID?: string;
  TARO_APP_CLOUD_ENV?: string;
  TARO_APP_DEV_LOGIN?: string;
  TARO_APP_GATEWAY_URL?: string;
}

/** A WeChat appid: `wx` and 16 hex digits (the tourist appid is not one). */
export const APPID = /^wx[0-9a-f]{16}$/;
/** A CloudBase environment id: letters, digits and dashes, 4–48 characters. */
export const CLOUD_ENV_ID = /^[a-z][a-z0-9-]{3,47}$/i;

export interface ReleaseProblem {
  key: keyof ReleaseEnv;
  message: string;
}

export function releaseProblems(env: ReleaseEnv): ReleaseProblem[] {
  const problems: ReleaseProblem[] = [];
  const appid = env.TARO_APP_ID?.trim() ?? '';
  const cloudEnv = env.TARO_APP_CLOUD_ENV?.trim() ?? '';
  if ((env.TARO_APP_DEV_LOGIN ?? '').trim() === 'true') {
    problems.push({ key: 'TARO_APP_DEV_LOGIN', message: 'TARO_APP_DEV_LOGIN=true: the dev login (and the demo users) is for development builds only; unset it' });
  }
  if ((env.TARO_APP_GATEWAY_URL ?? '').trim()) {
    problems.push({ key: 'TARO_APP_GATEWAY_URL', message: `TARO_APP_GATEWAY_URL=${env.TARO_APP_GATEWAY_URL}: the emulator's dev gateway is for H5 development only; the mini-program calls CloudBase itself; unset it` });
  }
  if (!appid) {
    problems.push({ key: 'TARO_APP_ID', message: 'TARO_APP_ID is not set: put the mini-program\'s appid (mp.weixin.qq.com → 开发管理 → 开发设置) in .env.production' });
  } else if (!APPID.test(appid)) {
    problems.push({ key: 'TARO_APP_ID', message: `TARO_APP_ID=${appid} is not a mini-program appid (wx + 16 hex digits); cloud development does not work with the tourist appid` });
  }
  if (!cloudEnv) {
    problems.push({ key: 'TARO_APP_CLOUD_ENV', message: 'TARO_APP_CLOUD_ENV is not set: put the CloudBase environment id (云开发控制台 → 设置 → 环境 ID) in .env.production' });
  } else if (!CLOUD_ENV_ID.test(cloudEnv)) {
    problems.push({ key: 'TARO_APP_CLOUD_ENV', message: `TARO_APP_CLOUD_ENV=${cloudEnv} is not a CloudBase environment id` });
  }
  return problems;
}

/** Throws one error listing every problem, for config/index.ts. */
export function assertReleasable(env: ReleaseEnv): void {
  const problems = releaseProblems(env);
  if (problems.length) {
    throw new Error(
      `This production mini-program build is refused:\n${problems.map((p) => `  - ${p.message}`).join('\n')}\n` +
        '(a development build is `npm run dev:weapp`; the test configuration is `npm run build:weapp -- --mode ci`)',
    );
  }
}
