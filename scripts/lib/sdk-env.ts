/**
 * Points the real SDK in this process (scripts, tests) at a CloudBase endpoint, through the same
 * environment variables CloudBase sets for a function. Must run before the SDK's first init.
 */
export function pointSdkAt(emulatorUrl: string, envId = 'local-dev'): void {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${emulatorUrl.replace(/\/$/, '')}/admin` }),
    TENCENTCLOUD_SECRETID: process.env.TENCENTCLOUD_SECRETID || 'local',
    TENCENTCLOUD_SECRETKEY: process.env.TENCENTCLOUD_SECRETKEY || 'local',
    SCF_NAMESPACE: envId,
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_REGION: process.env.TENCENTCLOUD_REGION || 'ap-shanghai',
    SILENCE: 'true',
  });
}
