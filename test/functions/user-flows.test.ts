/**
 * The identity flows end to end through the emulator, the real SDK and the real bundles:
 * QR entry, invites, volunteer approval, role appointment, idempotent retries and races.
 */
import type { AuditEntry, Enterprise, EntryCode, Invite, Page, UserRow } from '../../core/api/admin';
import type { EntryLanding, Me } from '../../core/api/user';
import { DEMO_SCENES } from '../../scripts/seed';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, type TestEnv } from '../support/harness';
import { freshCreditCode } from './samples';

const errorCode = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('identity flows', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  describe('QR entry', () => {
    it('asks a first-time visitor to accept the privacy notice, then binds them to the enterprise and workshop', async () => {
      const guest = await env.makeUser('guest');
      expect((await env.ok<Me>('user', 'me', {}, { as: guest })).role).toBe('guest');

      const before = await env.counts();
      const refused = await env.call('user', 'enterByScene', { scene: DEMO_SCENES.workshop }, { as: guest });
      expect(errorCode(refused)).toBe('USER.PRIVACY_REQUIRED');
      expect(await env.counts()).toEqual(before);

      const landing = await env.ok<EntryLanding>('user', 'enterByScene', { scene: DEMO_SCENES.workshop, acceptPrivacy: true }, { as: guest, idempotencyKey: env.key() });
      expect(landing).toMatchObject({ bound: true, kind: 'workshop', page: 'pages/index/index' });
      expect(landing.me).toMatchObject({
        role: 'worker',
        workshop: '冲压车间',
        enterprise: { id: 'ent-yongsen', name: '嘉兴甬森汽车零部件有限公司' },
        communityName: '兴平工业社区',
        communityNameEn: 'Xingping Industrial Community',
      });
      expect(landing.me.privacyAcceptedAt).toBeDefined();

      // Scanning another factory's poster later does not move them.
      const again = await env.ok<EntryLanding>('user', 'enterByScene', { scene: DEMO_SCENES.brenner }, { as: guest });
      expect(again.bound).toBe(false);
      expect(again.me.enterprise?.id).toBe('ent-yongsen');
    });

    it('creates exactly one person when a weak network delivers the same scan ten times at once', async () => {
      const guest = await env.makeUser('guest');
      const results = await Promise.all(
        Array.from({ length: 10 }, () => env.call<EntryLanding>('user', 'enterByScene', { scene: DEMO_SCENES.enterprise, acceptPrivacy: true }, { as: guest, idempotencyKey: env.key() })),
      );
      expect(results.map(errorCode)).toEqual(Array(10).fill('OK'));
      expect(results.filter((r) => r.ok && r.data.bound)).toHaveLength(1);
      const docs = await getDb().collection(Collections.users).where({ _id: guest }).get();
      expect(docs.data).toHaveLength(1);
    });

    it('lands a guest at a clinic station without making them anybody, and refuses unknown scenes', async () => {
      const guest = await env.makeUser('guest');
      const landing = await env.ok<EntryLanding>('user', 'enterByScene', { scene: DEMO_SCENES.station }, { as: guest });
      expect(landing).toMatchObject({ kind: 'station', bound: false, me: { role: 'guest' } });
      expect(errorCode(await env.call('user', 'enterByScene', { scene: 'E-ZZZZZZ', acceptPrivacy: true }, { as: guest }))).toBe('ENTRY.UNKNOWN_SCENE');
      expect(errorCode(await env.call('user', 'enterByScene', { scene: 'not a scene' }, { as: guest }))).toBe('INPUT.INVALID');
    });

    it('makes a code for the trial version when staff work in the trial build, and refuses an unknown version', async () => {
      const trial = await env.ok<EntryCode>('admin', 'createEntryCode', { kind: 'station', envVersion: 'trial' }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
      expect(trial.scene).toMatch(/^S-/);
      const bad = await env.call('admin', 'createEntryCode', { kind: 'station', envVersion: 'beta' }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
      expect(errorCode(bad)).toBe('INPUT.INVALID');
    });

    it('makes a new workshop code whose QR image downloads and whose scene binds a new worker', async () => {
      const code = await env.ok<EntryCode>('admin', 'createEntryCode', { kind: 'workshop', enterpriseId: 'ent-xpmould', workshop: '热处理车间' }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
      expect(code.scene).toMatch(/^W-/);
      expect(code.scene.length).toBeLessThanOrEqual(32);
      const png = Buffer.from(await (await fetch(code.imageUrl)).arrayBuffer());
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

      const guest = await env.makeUser('guest');
      const landing = await env.ok<EntryLanding>('user', 'enterByScene', { scene: code.scene, acceptPrivacy: true }, { as: guest });
      expect(landing.me).toMatchObject({ role: 'worker', workshop: '热处理车间', enterprise: { id: 'ent-xpmould' } });

      const list = await env.ok<Page<EntryCode>>('admin', 'listEntryCodes', {}, { as: 'demo-instructor-huang' });
      expect(list.items.map((c) => c.scene)).toContain(code.scene);
    });
  });

  describe('invites', () => {
    it('admits exactly as many managers as the invite allows, under a race of ten', async () => {
      const invite = await env.ok<Invite>('admin', 'issueInvite', { enterpriseId: 'ent-huaxin', maxUses: 1 }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
      expect(invite.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      const guests = await Promise.all(Array.from({ length: 10 }, () => env.makeUser('guest')));
      const results = await Promise.all(
        guests.map((g) => env.call<Me>('user', 'joinEnterprise', { inviteCode: invite.code.toLowerCase(), name: '华信联络员', acceptPrivacy: true }, { as: g, idempotencyKey: env.key() })),
      );
      const codes = results.map(errorCode).sort();
      expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
      expect(codes.filter((c) => c !== 'OK').every((c) => c === 'INVITE.USED_UP')).toBe(true);
      const winner = results.find((r) => r.ok);
      expect(winner?.ok && winner.data).toMatchObject({ role: 'manager', enterprise: { id: 'ent-huaxin' } });
      const managers = await getDb().collection(Collections.users).where({ enterpriseId: 'ent-huaxin', role: 'manager' }).count();
      expect(managers.total).toBe(1);
    });

    it('refuses unknown and expired invites and people who already have another role', async () => {
      const guest = await env.makeUser('guest');
      expect(errorCode(await env.call('user', 'joinEnterprise', { inviteCode: 'ZZZZZZZZ', name: '某人', acceptPrivacy: true }, { as: guest }))).toBe('INVITE.INVALID');
      await getDb().collection(Collections.invites).add({ _id: 'EXP2EXP2', communityId: 'xingping', enterpriseId: 'ent-yongsen', maxUses: 5, uses: 0, expiresAt: new Date(Date.now() - 1000), createdAt: new Date(), createdBy: 'x' });
      expect(errorCode(await env.call('user', 'joinEnterprise', { inviteCode: 'EXP2EXP2', name: '某人', acceptPrivacy: true }, { as: guest }))).toBe('INVITE.EXPIRED');
      expect(errorCode(await env.call('user', 'joinEnterprise', { inviteCode: 'YSQCMGR2', name: '某人' }, { as: guest }))).toBe('USER.PRIVACY_REQUIRED');
    });
  });

  describe('volunteers and roles', () => {
    it('takes a volunteer application, lists it for staff with the phone masked, and records the approval', async () => {
      const guest = await env.makeUser('guest');
      const me = await env.ok<Me>('user', 'applyVolunteer', { profession: 'accountant', name: '吴会计', organisation: '平湖诚信会计师事务所', phone: '13912345678', communityId: 'xingping', acceptPrivacy: true }, { as: guest, idempotencyKey: env.key() });
      expect(me).toMatchObject({ role: 'volunteer', volunteerStatus: 'pending', profession: 'accountant' });

      const pending = await env.ok<Page<UserRow>>('admin', 'listUsers', { volunteerStatus: 'pending' }, { as: 'demo-staff-zhang' });
      const row = pending.items.find((u) => u.openid === guest);
      expect(row).toMatchObject({ phone: '139****5678', organisation: '平湖诚信会计师事务所' });
      expect(JSON.stringify(pending)).not.toContain('13912345678');

      const approved = await env.ok<UserRow>('admin', 'reviewVolunteer', { openid: guest, approve: true }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
      expect(approved.volunteerStatus).toBe('approved');
      expect(errorCode(await env.call('admin', 'reviewVolunteer', { openid: guest, approve: false }, { as: 'demo-staff-zhang' }))).toBe('VOLUNTEER.NOT_PENDING');

      const audit = await env.ok<Page<AuditEntry>>('admin', 'listAudit', { targetOpenid: guest }, { as: 'demo-admin' });
      expect(audit.items.map((a) => a.action)).toEqual(['approve-volunteer', 'apply-volunteer']);
    });

    it('lets an admin appoint staff, audits it, and refuses changing their own role', async () => {
      const worker = await env.makeUser('worker');
      const row = await env.ok<UserRow>('admin', 'setRole', { openid: worker, role: 'instructor', note: '任命为党建指导员' }, { as: 'demo-admin', idempotencyKey: env.key() });
      expect(row.role).toBe('instructor');
      expect((await env.ok<Me>('user', 'me', {}, { as: worker })).role).toBe('instructor');
      const audit = await env.ok<Page<AuditEntry>>('admin', 'listAudit', { targetOpenid: worker }, { as: 'demo-admin' });
      expect(audit.items[0]).toMatchObject({ action: 'set-role', from: 'worker', to: 'instructor', actorOpenid: 'demo-admin' });
      expect(errorCode(await env.call('admin', 'setRole', { openid: 'demo-admin', role: 'staff' }, { as: 'demo-admin' }))).toBe('ROLE.CHANGE_INVALID');
      expect(errorCode(await env.call('admin', 'setRole', { openid: worker, role: 'unit' }, { as: 'demo-admin' }))).toBe('INPUT.INVALID');
    });

    it('keeps each community to itself', async () => {
      const outsider = await env.makeUser('staff', { communityId: 'another-community' });
      const list = await env.ok<Page<Enterprise>>('admin', 'listEnterprises', {}, { as: outsider });
      expect(list.items).toEqual([]);
      expect(errorCode(await env.call('admin', 'issueInvite', { enterpriseId: 'ent-yongsen' }, { as: outsider }))).toBe('NOT_FOUND');
      expect(errorCode(await env.call('admin', 'reviewVolunteer', { openid: 'demo-applicant-xu', approve: true }, { as: outsider }))).toBe('NOT_FOUND');
    });

    it('shows contact phones in full to staff only', async () => {
      const staffView = await env.ok<Page<Enterprise>>('admin', 'listEnterprises', {}, { as: 'demo-staff-zhang' });
      const instructorView = await env.ok<Page<Enterprise>>('admin', 'listEnterprises', {}, { as: 'demo-instructor-huang' });
      expect(staffView.items.find((e) => e.id === 'ent-yongsen')?.contactPhone).toBe('13857301234');
      expect(instructorView.items.find((e) => e.id === 'ent-yongsen')?.contactPhone).toBe('138****1234');
    });
  });

  describe('settings', () => {
    it('keeps language and large text per person', async () => {
      const worker = await env.makeUser('worker');
      const me = await env.ok<Me>('user', 'updateSettings', { locale: 'en', largeText: true }, { as: worker, idempotencyKey: env.key() });
      expect(me).toMatchObject({ locale: 'en', largeText: true });
      expect(await env.ok<Me>('user', 'me', {}, { as: worker })).toMatchObject({ locale: 'en', largeText: true });
      expect(errorCode(await env.call('user', 'updateSettings', {}, { as: worker }))).toBe('INPUT.INVALID');
    });
  });

  describe('idempotent writes', () => {
    it('answers a retried write with the first answer and writes once', async () => {
      const key = env.key();
      const input = { name: '重试新材料有限公司', creditCode: freshCreditCode() };
      const first = await env.call<Enterprise>('admin', 'createEnterprise', input, { as: 'demo-staff-zhang', idempotencyKey: key });
      const second = await env.call<Enterprise>('admin', 'createEnterprise', input, { as: 'demo-staff-zhang', idempotencyKey: key });
      expect(first.ok && second.ok).toBe(true);
      expect(second.ok && second.data).toEqual(first.ok && first.data);
      const reused = await env.call('admin', 'createEnterprise', { ...input, name: '别的公司' }, { as: 'demo-staff-zhang', idempotencyKey: key });
      expect(errorCode(reused)).toBe('REQUEST.KEY_REUSED');
      // Without the key, the same request is a second attempt at the same enterprise.
      expect(errorCode(await env.call('admin', 'createEnterprise', input, { as: 'demo-staff-zhang' }))).toBe('ENTERPRISE.DUPLICATE');
    });

    it('runs a write once when the same key arrives ten times at once', async () => {
      const key = env.key();
      const results = await Promise.all(Array.from({ length: 10 }, () => env.call<Invite>('admin', 'issueInvite', { enterpriseId: 'ent-lvkang' }, { as: 'demo-staff-zhang', idempotencyKey: key })));
      const okCodes = new Set(results.filter((r) => r.ok).map((r) => r.ok && r.data.code));
      expect(okCodes.size).toBe(1);
      for (const r of results) expect(['OK', 'REQUEST.IN_PROGRESS']).toContain(errorCode(r));
      const invites = await getDb().collection(Collections.invites).where({ enterpriseId: 'ent-lvkang' }).count();
      expect(invites.total).toBe(1);
    });

    it('does not let one person replay another person\'s key', async () => {
      const key = env.key();
      await env.ok('user', 'updateSettings', { largeText: true }, { as: 'demo-worker-li', idempotencyKey: key });
      const other = await env.ok<Me>('user', 'updateSettings', { largeText: true }, { as: 'demo-worker-zhao', idempotencyKey: key });
      expect(other.openid).toBe('demo-worker-zhao');
    });
  });

  it('validates enterprise credit codes', async () => {
    const res = await env.call('admin', 'createEnterprise', { name: '假公司', creditCode: '91350100M000100Y44' }, { as: 'demo-staff-zhang' });
    expect(errorCode(res)).toBe('ENTERPRISE.CREDIT_CODE_INVALID');
  });
});
