/**
 * A valid input for every action, so the authorization matrix and the fuzzer can call each one.
 * Inputs that must be unique (a credit code, a fresh target person) are made per call.
 */
import { PACKAGE_CALENDAR } from '../../core/rules/holiday-calendar';
import { randomBytes } from 'node:crypto';
import { clinicSessions, DEFAULT_CLINIC_CONFIG } from '../../core/rules/clinic-calendar';
import { creditCodeCheckChar } from '../../core/rules/credit-code';
import { addDays, shanghaiDate } from '../../core/rules/working-days';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { BookingDoc } from '../../server/modules/clinic/clinic.repository';
import { inboxId } from '../../server/modules/notify/notices';
import type { TestEnv } from '../support/harness';
import { ConsoleSamples } from './samples-console';
import { RevisitSamples } from './samples-revisit';

let serial = 0;
export function freshCreditCode(): string {
  serial += 1;
  const first17 = `91330482MA2${String(Date.now() % 1e6).padStart(6, '0')}`.slice(0, 13) + String(serial).padStart(4, '0');
  return first17 + creditCodeCheckChar(first17);
}

/** `caller` is the openid about to call (the authorization matrix passes it; the fuzzer does not). */
export type Sample = (env: TestEnv, caller?: string) => Promise<Record<string, unknown>>;


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

// ---- clinic: sessions on the real clock (no pin), each sample taking seats nobody else uses ----

const today = shanghaiDate(new Date());
/** Sessions from 14 days ahead (past every cut-off and the seeded demo roster) for ~10 months; the rotation sample plans a month after them. */
const clinicDays = clinicSessions(DEFAULT_CLINIC_CONFIG, { from: addDays(today, 14), to: addDays(today, 300) }, PACKAGE_CALENDAR).map((x) => x.id);
const rotationMonth = addDays(today, 330).slice(0, 7);
const thisMonth = today.slice(0, 7);
let nextSession = 0;
/** A session whose lawyer seat nobody has touched yet. */
const freshSession = () => clinicDays[nextSession++];
const key = () => randomBytes(12).toString('hex');
const isVolunteer = (openid?: string) => !!openid?.startsWith('t-volunteer-');

/** Puts a fresh lawyer (or `who`, when a volunteer) on duty in a fresh session. */
async function lawyerOnDuty(env: TestEnv, who?: string): Promise<string> {
  const sessionId = freshSession();
  const lawyer = isVolunteer(who) ? who! : await env.makeUser('volunteer');
  await env.ok('clinic', 'bookDuty', { sessionId }, { as: lawyer, idempotencyKey: env.key() });
  return sessionId;
}

let bookable: { sessionId: string; next: number } | undefined;
/** A free lawyer slot: sessions with a lawyer on duty, six slots each. */
async function freeSlot(env: TestEnv): Promise<{ sessionId: string; slotIndex: number }> {
  if (!bookable || bookable.next >= 6) bookable = { sessionId: await lawyerOnDuty(env), next: 0 };
  return { sessionId: bookable.sessionId, slotIndex: bookable.next++ };
}

/** A confirmed lawyer booking of `booker`, or of a fresh worker when `booker` may not book. */
async function bookingBy(env: TestEnv, booker?: string): Promise<string> {
  const slot = await freeSlot(env);
  const data = { ...slot, profession: 'lawyer', description: '劳动合同纠纷咨询' };
  if (booker) {
    const mine = await env.call<{ id: string }>('clinic', 'book', data, { as: booker, idempotencyKey: env.key() });
    if (mine.ok) return mine.data.id;
  }
  return (await env.ok<{ id: string }>('clinic', 'book', data, { as: await env.makeUser('worker'), idempotencyKey: env.key() })).id;
}

/** A handover offered to `to` when a volunteer, else to a fresh lawyer. */
async function handoverTo(env: TestEnv, to?: string): Promise<string> {
  const from = await env.makeUser('volunteer');
  const sessionId = await lawyerOnDuty(env, from);
  const target = isVolunteer(to) ? to! : await env.makeUser('volunteer');
  return (await env.ok<{ id: string }>('clinic', 'offerHandover', { sessionId, toOpenid: target }, { as: from, idempotencyKey: env.key() })).id;
}

/** A confirmed booking today for `booker` (written directly: today may hold no session on the real clock). */
async function bookedToday(env: TestEnv, booker?: string): Promise<void> {
  const bookerId = booker ?? (await env.makeUser('worker'));
  const now = new Date();
  const doc: BookingDoc = {
    _id: key(),
    communityId: 'xingping',
    sessionId: `${today}-am`,
    sessionKey: `xingping:${today}-am`,
    sessionDate: today,
    monthKey: `xingping:${thisMonth}`,
    profession: 'lawyer',
    slotIndex: 0,
    seat: 0,
    startsAt: now,
    endsAt: new Date(now.getTime() + 1_800_000),
    status: 'confirmed',
    seatKey: key(),
    bookerSlotKey: key(),
    bookerProfessionKey: key(),
    bookerId,
    description: '到站咨询',
    attachments: [],
    via: 'direct',
    createdAt: now,
    updatedAt: now,
  };
  await getDb().collection(Collections.clinicBookings).add(doc);
}

/** An unread inbox item of `caller` (what an act would have written for them). */
async function inboxItemOf(caller?: string): Promise<string> {
  const openid = caller ?? 'nobody';
  const event = `matrix:${randomBytes(6).toString('hex')}`;
  const id = inboxId(event, openid);
  const now = new Date();
  await getDb()
    .collection(Collections.inbox)
    .add({ _id: id, openid, event, kind: 'qa.answered', communityId: 'xingping', subject: '测试消息', page: 'pages/index/index', template: 'qaAnswered', data: {}, read: false, createdAt: now, sortKey: `${now.toISOString()}|${id}`, push: 'off' });
  return id;
}

// ---- tickets ----

const TICKET = { title: '招聘旺季用工缺口', description: '冲压车间缺普工 60 人，希望对接招聘会。', category: 'recruiting' };

/** A ticket dispatched to unit-hrss (the harness's unit), submitted by `caller` when a manager (so they may read it). */
async function dispatchedTicket(env: TestEnv, caller?: string): Promise<{ id: string; version: number }> {
  const submitter = caller?.startsWith('t-manager-') ? caller : await env.makeUser('manager');
  const staff = await env.makeUser('staff');
  const t = await env.ok<{ id: string }>('tickets', 'submit', TICKET, { as: submitter, idempotencyKey: env.key() });
  await env.ok('tickets', 'act', { id: t.id, version: 1, act: 'accept' }, { as: staff, idempotencyKey: env.key() });
  await env.ok('tickets', 'act', { id: t.id, version: 2, act: 'dispatch', leadUnitId: 'unit-hrss' }, { as: staff, idempotencyKey: env.key() });
  return { id: t.id, version: 3 };
}

/** A valid act for `caller`: a manager resumes a suspended ticket, a unit signs, the staff side supervises. */
async function ticketAct(env: TestEnv, caller?: string): Promise<Record<string, unknown>> {
  const t = await dispatchedTicket(env, caller);
  if (caller?.startsWith('t-manager-')) {
    await env.ok('tickets', 'act', { id: t.id, version: 3, act: 'suspend', reason: '等待企业补充材料' }, { as: await env.makeUser('staff'), idempotencyKey: env.key() });
    return { id: t.id, version: 4, act: 'resume', note: '材料已补充' };
  }
  if (caller?.startsWith('t-unit-')) return { id: t.id, version: 3, act: 'sign' };
  return { id: t.id, version: 3, act: 'supervise', note: '请加快办理' };
}

/** A ticket escalated by hand this month: on this month's automatic agenda. */
async function onAgenda(env: TestEnv): Promise<string> {
  const t = await env.ok<{ id: string }>('tickets', 'submit', TICKET, { as: await env.makeUser('manager'), idempotencyKey: env.key() });
  await env.ok('tickets', 'act', { id: t.id, version: 1, act: 'escalate' }, { as: await env.makeUser('staff'), idempotencyKey: env.key() });
  return t.id;
}

export const Samples: Record<string, Record<string, Sample>> = {
  user: {
    me: async () => ({}),
    communities: async () => ({}),
    enterByScene: async () => ({ scene: 'E-YSQC', acceptPrivacy: true }),
    updateSettings: async () => ({ largeText: true }),
    joinEnterprise: async () => ({ inviteCode: 'YSQCMGR2', name: '新联络员', acceptPrivacy: true }),
    applyVolunteer: async () => ({ profession: 'tax_advisor', name: '新税务师', organisation: '平湖税务师事务所', phone: '13911112222', communityId: 'xingping', acceptPrivacy: true }),
    inbox: async () => ({}),
    markRead: async (_env, caller) => ({ id: await inboxItemOf(caller) }),
    markAllRead: async () => ({}),
    notificationSettings: async () => ({}),
    consent: async () => ({ answers: { qaAnswered: 'accept' } }),
    setNotification: async () => ({ template: 'qaAnswered', on: false }),
    todos: async () => ({}),
    myData: async () => ({}),
    // A guest has no account to delete: the sample gives them one first (the gate is what the matrix tests).
    deleteAccount: async (env, caller) => {
      if (caller?.startsWith('t-guest-')) await env.ok('user', 'enterByScene', { scene: 'E-YSQC', acceptPrivacy: true }, { as: caller, idempotencyKey: env.key() });
      return { confirm: true };
    },
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
    ...ConsoleSamples,
  },
  qa: {
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
  clinic: {
    settings: async () => ({ communityId: 'xingping' }),
    updateSettings: async () => ({ cutoffHours: 2 }),
    calendar: async () => ({ month: thisMonth, communityId: 'xingping' }),
    onDuty: async () => ({ days: 7, communityId: 'xingping' }),
    openDuties: async () => ({ month: thisMonth }),
    myDuties: async () => ({}),
    bookDuty: async () => ({ sessionId: freshSession() }),
    cancelDuty: async (env, caller) => ({ sessionId: await lawyerOnDuty(env, caller) }),
    offerHandover: async (env, caller) => ({ sessionId: await lawyerOnDuty(env, caller), toOpenid: await env.makeUser('volunteer') }),
    acceptHandover: async (env, caller) => ({ handoverId: await handoverTo(env, caller) }),
    declineHandover: async (env, caller) => ({ handoverId: await handoverTo(env, caller) }),
    myHandovers: async () => ({}),
    colleagues: async () => ({}),
    planRotation: async () => ({ month: rotationMonth }),
    coverage: async () => ({ month: thisMonth }),
    slots: async () => ({ sessionId: clinicDays[0], profession: 'lawyer', communityId: 'xingping' }),
    book: async (env) => ({ ...(await freeSlot(env)), profession: 'lawyer', description: '劳动合同到期不续签有补偿吗' }),
    joinWaitlist: async (env) => ({ sessionId: (await freeSlot(env)).sessionId, profession: 'lawyer', description: '等候律师' }),
    leaveWaitlist: async (env, caller) => {
      const slot = await freeSlot(env);
      const data = { sessionId: slot.sessionId, profession: 'lawyer', description: '等候律师' };
      const mine = caller ? await env.call<{ id: string }>('clinic', 'joinWaitlist', data, { as: caller, idempotencyKey: env.key() }) : undefined;
      if (mine?.ok) return { id: mine.data.id };
      return { id: (await env.ok<{ id: string }>('clinic', 'joinWaitlist', data, { as: await env.makeUser('worker'), idempotencyKey: env.key() })).id };
    },
    cancelBooking: async (env, caller) => ({ id: await bookingBy(env, caller) }),
    reschedule: async (env, caller) => ({ id: await bookingBy(env, caller), ...(await freeSlot(env)) }),
    myBookings: async () => ({}),
    checkIn: async (env, caller) => {
      await bookedToday(env, caller);
      return { scene: 'S-XPKZ' };
    },
    recordOutcome: async (env, caller) => {
      const sessionId = await lawyerOnDuty(env, caller);
      const id = (await env.ok<{ id: string }>('clinic', 'book', { sessionId, slotIndex: 0, profession: 'lawyer', description: '咨询' }, { as: await env.makeUser('worker'), idempotencyKey: env.key() })).id;
      // An outcome is recorded once the slot has begun (CLINIC.OUTCOME_TOO_EARLY before): this one began a minute ago.
      await getDb().collection(Collections.clinicBookings).doc(id).update({ startsAt: new Date(Date.now() - 60_000) });
      return { id, attended: true, advice: '建议协商解除并支付补偿。', followUpNeeded: false };
    },
    sessionBookings: async (env, caller) => ({ sessionId: await lawyerOnDuty(env, caller) }),
  },
  tickets: {
    submit: async () => ({ ...TICKET, urgency: 'urgent' }),
    list: async () => ({}),
    get: async (env, caller) => ({ id: (await dispatchedTicket(env, caller)).id }),
    act: ticketAct,
    units: async () => ({}),
    catalogue: async () => ({}),
    setCatalogue: async () => ({ category: 'other', leadUnitId: 'unit-econ', assistUnitIds: ['unit-tax'] }),
    agenda: async () => ({ month: thisMonth }),
    // A month nobody else edits: recordDecision relies on this month's automatic draft.
    editAgenda: async (env) => ({ month: '2031-01', add: [(await dispatchedTicket(env)).id] }),
    recordDecision: async (env) => ({ month: thisMonth, ticketId: await onAgenda(env), owner: '经信局', deadline: addDays(today, 20), note: '限期办结' }),
  },
  revisit: RevisitSamples,
};
