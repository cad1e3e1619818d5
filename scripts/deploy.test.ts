import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Schema } from '../server/db/schema';
import { functionNames } from './build-functions';
import { cloudbaseConfig } from './cloudbaserc';
import { Templates } from '../server/platform/subscribe-message';
import { deploy, deployPlan, readEnvId } from './deploy';
import { declaredOpenApis } from './open-api-usage';

describe('npm run deploy', () => {
  it('prints the whole plan on a dry run without an account: functions, triggers, collections, rules, indexes', async () => {
    const out: string[] = [];
    await deploy({ dryRun: true, env: {}, log: (s) => out.push(s), build: false });
    const text = out.join('\n');
    expect(text).toContain('dry run: nothing is changed');
    for (const name of functionNames()) expect(text).toMatch(new RegExp(`^  ${name}\\s+Nodejs`, 'm'));
    for (const f of cloudbaseConfig().functions) for (const t of f.triggers) expect(text).toContain(`timer trigger ${t.name}: ${t.config}`);
    // One trigger per function (WeChat cloud's rule), and each function's open-API permissions.
    for (const f of cloudbaseConfig().functions) expect(f.triggers.length).toBeLessThanOrEqual(1);
    for (const name of functionNames()) {
      const apis = declaredOpenApis(name);
      if (apis.length) expect(text).toContain(`open APIs (config.json permissions.openapi): ${apis.join(', ')}`);
    }
    expect(text).toMatch(/-604101/);
    for (const c of Schema) {
      expect(text).toMatch(new RegExp(`^  ${c.name}\\s+rule ADMINONLY$`, 'm'));
      for (const i of c.indexes) expect(text).toContain(`index ${i.name}${i.unique ? ' (unique)' : ''}: ${Object.entries(i.keys).map(([k, d]) => `${k}:${d}`).join(', ')}`);
    }
    for (const [name, t] of Object.entries(Templates)) expect(text).toMatch(new RegExp(`^  ${name}\\s+${t.env}\\s+(configured|NOT SET)\\s+fields ${t.fields.join(', ')}$`, 'm'));
    expect(text).toContain('tcb fn deploy --all --force -e <ENV_ID>');
    expect(text).toContain('tcb framework deploy -e <ENV_ID>');
  }, 120_000);

  it('says which subscribe templates .env configures, and every function gets their ids from .env', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-tpl-'));
    const plan = deployPlan('prod-4g1x', { QA_TEMPLATE_ANSWERED: 'tpl-answered-id' }, path.join(dir, '.env'));
    expect(plan.templates.find((t) => t.name === 'qaAnswered')).toMatchObject({ configured: true });
    expect(plan.templates.find((t) => t.name === 'ticketOverdue')).toMatchObject({ configured: false });
    for (const f of cloudbaseConfig().functions) {
      for (const t of Object.values(Templates)) expect(f.envVariables).toMatchObject({ [t.env]: `{{env.${t.env}}}` });
    }
  });

  it('refuses a real deploy with no environment id, before touching anything', async () => {
    await expect(deploy({ dryRun: false, env: {}, log: () => undefined })).rejects.toThrow(/ENV_ID/);
  });

  it('reads ENV_ID from the environment first, then from .env', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-env-'));
    const dotenv = path.join(dir, '.env');
    writeFileSync(dotenv, '# CloudBase\nOTHER=x\nENV_ID="prod-4g1x"\n');
    expect(readEnvId({}, dotenv)).toBe('prod-4g1x');
    expect(readEnvId({ ENV_ID: 'from-shell' }, dotenv)).toBe('from-shell');
    expect(readEnvId({}, path.join(dir, 'missing'))).toBeUndefined();
  });
});
