/**
 * A valid input for every action, so the authorization matrix and the fuzzer can call each one.
 * Inputs that must be unique (a credit code, a fresh target person) are made per call.
 */
import { creditCodeCheckChar } from '../../core/rules/credit-code';
import type { TestEnv } from '../support/harness';

let serial = 0;
export function freshCreditCode(): string {
  serial += 1;
  const first17 = `91330482MA2${String(Date.now() % 1e6).padStart(6, '0')}`.slice(0, 13) + String(serial).padStart(4, '0');
  return first17 + creditCodeCheckChar(first17);
}

/** `caller` is the openid about to call (the authorization matrix passes it; the fuzzer does not). */
export type Sample = (env: TestEnv, caller?: string) => Promise<Record<string, unknown>>;

/** A 1×1 PNG. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const LEGAL_QUESTION = { title: '劳动合同到期不续签有补偿吗', description: '合同下月到期，公司说不续签。', category: 'legal' };

/** A legal question (open to staff and the lawyer volunteer the harness makes) asked by `asker`, or by a fresh worker when `asker` may not ask. */
async function questionBy(env: TestEnv, asker?: string): Promise<string> {
  if (asker) {
    const mine = await env.call<{ id: string }>('qa', 'ask', LEGAL_QUESTION, { as: asker, idempotencyKey: env.key() });
    if (mine.ok) return mine.data.id;
  }
  return (await env.ok<{ id: string }>('qa', 'ask', LEGAL_QUESTION, { as: await env.makeUser('worker'), idempotencyKey: env.key() })).id;
}

/** A legal question the caller has claimed (when their role may claim). */
async function claimedBy(env: TestEnv, caller?: string): Promise<string> {
  const id = await questionBy(env);
  if (caller) await env.call('qa', 'claim', { id }, { as: caller, idempotencyKey: env.key() });
  return id;
}

async function faqEntry(env: TestEnv): Promise<string> {
  const staff = await env.makeUser('staff');
  const data = { category: 'hr', question: { zh: '加班费怎么计算？' }, answer: { zh: '工作日加班按150%支付。' } };
  return (await env.ok<{ id: string }>('qa', 'publishFaq', data, { as: staff, idempotencyKey: env.key() })).id;
}

export const Samples: Record<string, Record<string, Sample>> = {
  user: {
    me: async () => ({}),
    communities: async () => ({}),
    enterByScene: async () => ({ scene: 'E-YSQC', acceptPrivacy: true }),
    updateSettings: async () => ({ largeText: true }),
    joinEnterprise: async () => ({ inviteCode: 'YSQCMGR2', name: '新联络员', acceptPrivacy: true }),
    applyVolunteer: async () => ({ profession: 'tax_advisor', name: '新税务师', organisation: '平湖税务师事务所', phone: '13911112222', communityId: 'xingping', acceptPrivacy: true }),
  },
  admin: {
    listEnterprises: async () => ({}),
    createEnterprise: async () => ({ name: '测试新材料有限公司', creditCode: freshCreditCode(), workshops: ['一车间'] }),
    issueInvite: async () => ({ enterpriseId: 'ent-xpmould', maxUses: 2 }),
    createEntryCode: async () => ({ kind: 'workshop', enterpriseId: 'ent-yongsen', workshop: '焊装车间' }),
    listEntryCodes: async () => ({}),
    listUsers: async () => ({ role: 'volunteer' }),
    reviewVolunteer: async (env) => {
      const openid = await env.makeUser('volunteer', { volunteerStatus: 'pending' });
      return { openid, approve: true };
    },
    setRole: async (env) => ({ openid: await env.makeUser('worker'), role: 'staff', note: '任命' }),
    listAudit: async () => ({}),
  },
  qa: {
    uploadAttachment: async () => ({ fileName: 'photo.png', contentType: 'image/png', dataBase64: TINY_PNG }),
    similar: async () => ({ text: '工伤认定需要什么材料' }),
    ask: async () => ({ ...LEGAL_QUESTION, anonymous: true }),
    mine: async () => ({}),
    queue: async () => ({}),
    get: async (env, caller) => ({ id: await questionBy(env, caller) }),
    claim: async (env) => ({ id: await questionBy(env) }),
    release: async (env, caller) => ({ id: await claimedBy(env, caller) }),
    answer: async (env, caller) => ({ id: await claimedBy(env, caller), text: '应支付经济补偿。' }),
    requestInfo: async (env, caller) => ({ id: await claimedBy(env, caller), text: '合同是哪一年签的？' }),
    reply: async (env, caller) => ({ id: await questionBy(env, caller), text: '补充：合同三年。' }),
    solve: async (env, caller) => ({ id: await questionBy(env, caller) }),
    searchFaq: async () => ({ q: '加班费' }),
    listFaq: async () => ({}),
    getFaq: async (env) => ({ id: await faqEntry(env) }),
    publishFaq: async () => ({ category: 'hr', question: { zh: '年假有几天？', en: 'How many days of annual leave?' }, answer: { zh: '工作满1年不满10年的，年休假5天。' } }),
    updateFaq: async (env) => ({ id: await faqEntry(env), answer: { zh: '工作日延长工作时间按150%支付加班费。' } }),
    unpublishFaq: async (env) => ({ id: await faqEntry(env) }),
  },
};
