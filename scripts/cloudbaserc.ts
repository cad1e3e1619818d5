/**
 * cloudbaserc.json is generated from the code that defines the backend: the functions under
 * cloudfunctions/ (with their config.json) and the collections, indexes and rules in
 * server/db/schema.ts. `npm run cloudbaserc` rewrites it; a test fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Schema } from '../server/db/schema';
import { Templates } from '../server/platform/subscribe-message';
import { FUNCTIONS_DIR, functionNames } from './build-functions';

export const CLOUDBASERC = path.resolve(__dirname, '..', 'cloudbaserc.json');

export function cloudbaseConfig() {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './cloudfunctions',
    functions: functionNames().map((name) => {
      const cfg = JSON.parse(readFileSync(path.join(FUNCTIONS_DIR, name, 'config.json'), 'utf8')) as {
        timeout?: number;
        runtime?: string;
        memorySize?: number;
        envVariables?: Record<string, string>;
        triggers?: { name: string; type: string; config: string }[];
      };
      return {
        name,
        handler: 'index.main',
        runtime: cfg.runtime ?? 'Nodejs18.15',
        timeout: cfg.timeout ?? 20,
        memorySize: cfg.memorySize ?? 256,
        // The bundle carries the pinned SDK (scripts/build-functions-sdk.ts): nothing to install.
        installDependency: false,
        // Subscribe-message template ids come from .env at deploy time (the CLI fills {{env.X}}).
        envVariables: { ...Object.fromEntries(Object.values(Templates).map((t) => [t.env, `{{env.${t.env}}}`])), SUBSCRIBE_LONG_TERM: '{{env.SUBSCRIBE_LONG_TERM}}', ...(cfg.envVariables ?? {}) },
        triggers: cfg.triggers ?? [],
        ignore: ['index.ts', '*.map', 'node_modules'],
      };
    }),
    framework: {
      name: 'industrial-community-service-desk',
      plugins: {
        database: {
          use: '@cloudbase/framework-plugin-database',
          inputs: {
            collections: Schema.map((c) => ({
              collectionName: c.name,
              description: c.description,
              // Clients never read or write directly: only cloud functions, with admin rights.
              aclTag: c.rule.read || c.rule.write ? 'CUSTOM' : 'ADMINONLY',
              createIndexes: c.indexes.map((i) => ({
                name: i.name,
                unique: i.unique ?? false,
                keys: Object.entries(i.keys).map(([name, direction]) => ({ name, direction: String(direction) })),
              })),
            })),
          },
        },
      },
    },
  };
}

export function renderCloudbaserc(): string {
  return `${JSON.stringify(cloudbaseConfig(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(CLOUDBASERC, renderCloudbaserc());
  console.log(`wrote ${path.relative(process.cwd(), CLOUDBASERC)}`);
}
