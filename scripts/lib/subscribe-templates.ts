/**
 * The subscribe-message templates the emulator knows, from the same environment variables the
 * functions read their template ids from (server/platform/subscribe-message.ts): the mini-program
 * "has" exactly the templates configured. `EMULATOR_LONG_TERM_TEMPLATES=<id>,<id>` marks ids as
 * long-term (长期订阅: one accept, then every send); the rest are one-time (one accept per send).
 */
import { longTermTemplatesFromEnv, type SubscribeTemplates } from '../../emulator/src/index';
import { TemplateEnv } from '../../server/platform/subscribe-message';

export function subscribeTemplatesFromEnv(env: NodeJS.ProcessEnv = process.env): Required<SubscribeTemplates> {
  const longTerm = longTermTemplatesFromEnv(env);
  const configured = [...new Set(Object.values(TemplateEnv).map((name) => env[name]?.trim()).filter((id): id is string => !!id))];
  return { oneTime: configured.filter((id) => !longTerm.includes(id)), longTerm };
}
