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

export type Sample = (env: TestEnv) => Promise<Record<string, unknown>>;

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
};
