import { fieldType } from '../../core/rules/subscribe-fields';
import { Templates, TemplateEnv } from './subscribe-message';

describe('subscribe-message templates as configuration', () => {
  it('every template declares fields whose keys name a WeChat field type', () => {
    for (const [name, t] of Object.entries(Templates)) {
      expect({ name, fields: t.fields.length > 0 }).toEqual({ name, fields: true });
      for (const key of t.fields) expect({ name, key, type: fieldType(key) }).toEqual({ name, key, type: expect.any(String) });
    }
  });

  it('every template has its own environment variable', () => {
    const envs = Object.values(TemplateEnv);
    expect(new Set(envs).size).toBe(envs.length);
    for (const e of envs) expect(e).toMatch(/^[A-Z]+_TEMPLATE_[A-Z_]+$/);
  });
});
