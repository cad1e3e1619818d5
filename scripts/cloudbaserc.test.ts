import { readFileSync } from 'node:fs';
import { Schema } from '../server/db/schema';
import { CLOUDBASERC, cloudbaseConfig, renderCloudbaserc } from './cloudbaserc';

describe('cloudbaserc.json', () => {
  it('is up to date with the functions and the schema (run `npm run cloudbaserc`)', () => {
    expect(readFileSync(CLOUDBASERC, 'utf8')).toBe(renderCloudbaserc());
  });

  it('reads the env id from the environment, never a committed one', () => {
    expect(cloudbaseConfig().envId).toBe('{{env.ENV_ID}}');
  });

  it('denies client access to every collection', () => {
    const cols = cloudbaseConfig().framework.plugins.database.inputs.collections;
    expect(cols.map((c) => c.collectionName).sort()).toEqual(Schema.map((c) => c.name).sort());
    for (const c of cols) expect(c.aclTag).toBe('ADMINONLY');
  });
});
