/**
 * 注销 and 我的数据 (issue 16 #3), through the emulator and the real function bundles.
 *
 * Four people leave traces everywhere (a worker's question with a photo and their phone in its
 * text, a rating that opened a follow-up, a booking; a volunteer's answer, duty and handover; a
 * manager's demand; staff's acts, visit and export), then delete their accounts. Afterwards every
 * read action any role can call — each with the authorization matrix's working sample, and the
 * persons' own cases — is scanned for their names and phones, the export files included, and every
 * figure (dashboard, revisit figures, district overview, problem list, coverage) must be what it was.
 */
import readXlsxFile, { readSheet } from 'read-excel-file/node';
import { shanghaiDate, addDays } from '../../core/rules/working-days';
import { clinicSessions, DEFAULT_CLINIC_CONFIG } from '../../core/rules/clinic-calendar';
import { PACKAGE_CALENDAR } from '../../core/rules/holiday-calendar';
import { getApp, getDb } from '../../server/db/client';
import { Collections, Schema } from '../../server/db/schema';
import { AllFunctions } from '../../server/functions/all';
import { PersonalPlaces } from '../../server/modules/account/personal-data';
import { startTestEnv, type TestEnv } from '../support/harness';
import { Samples } from './samples';
import type { Role } from '../../core/api/roles';

const W = { name: '甄可删', phone: '13811112222' };
const V = { name: '贾志愿', phone: '13933334444', organisation: '明理律师事务所' };
const M = { name: '郝经理', phone: '13755556666' };
const S = { name: '石员工', phone: '13677778888' };
const SECRETS = [W.name, W.phone, V.name, V.phone, V.organisation, M.name, M.phone, S.name, S.phone];

const today = shanghaiDate(new Date());
const period = { from: addDays(today, -30), to: addDays(today, 1) };
const sessions = clinicSessions(DEFAULT_CLINIC_CONFIG, { from: addDays(today, 250), to: addDays(today, 330) }, PACKAGE_CALENDAR).map((s) => s.id);

function leaks(body: unknown): string[] {
  const text = JSON.stringify(body);
  return SECRETS.filter((s) => text.includes(s));
}

describe('注销 and 我的数据', () => {
  let env: TestEnv;
  let w: string, v: string, v2: string, m: string, s: string;
  let questionId: string, ticketId: string, visitId: string, photo: string, mPhoto: string, followUpId: string, revisitCampaign: string;

  beforeAll(async () => {
    env = await startTestEnv();
    w = await env.makeUser('worker', { name: W.name, phone: W.phone });
    v = await env.makeUser('volunteer', { name: V.name, phone: V.phone, organisation: V.organisation });
    v2 = await env.makeUser('volunteer');
    m = await env.makeUser('manager', { name: M.name, phone: M.phone });
    s = await env.makeUser('staff', { name: S.name, phone: S.phone });
    const staff2 = await env.makeUser('staff');
    // The enterprise's contact (master data) is the manager.
    await getDb().collection(Collections.enterprises).doc('ent-yongsen').update({ contactName: M.name, contactPhone: M.phone });

    // The worker asks, with a photo and their own phone in the text; the volunteer answers.
    photo = await env.uploadPhoto(w);
    questionId = (
      await env.ok<{ id: string }>('qa', 'ask', { title: '劳动合同到期不续签有补偿吗', description: `合同下月到期。我是${W.name}，电话 ${W.phone}`, category: 'legal', attachments: [photo] }, { as: w, idempotencyKey: env.key() })
    ).id;
    await env.ok('qa', 'claim', { id: questionId }, { as: v, idempotencyKey: env.key() });
    await env.ok('qa', 'answer', { id: questionId, text: '应支付经济补偿。' }, { as: v, idempotencyKey: env.key() });
    await env.ok('qa', 'solve', { id: questionId }, { as: w, idempotencyKey: env.key() });
    // A second question WeChat sends to review (内部消息 is one of the emulator's review words): held for staff, with the worker's name in it.
    await env.ok('qa', 'ask', { title: '搬迁补偿有内部消息吗', description: `我是${W.name}，电话 ${W.phone}，想问搬迁补偿。`, category: 'legal' }, { as: w, idempotencyKey: env.key() });
    // A poor rating opens a follow-up; staff close it.
    const ev = await env.ok<{ consequence?: { followUpId?: string } }>('revisit', 'evaluate', { caseKind: 'question', caseId: questionId, scores: { speed: 2, attitude: 2, result: 2 }, comment: `${W.name}不满意` }, { as: w, idempotencyKey: env.key() });
    followUpId = ev.consequence!.followUpId!;
    await env.ok('revisit', 'closeFollowUp', { id: followUpId, resolution: '已电话回访' }, { as: s, idempotencyKey: env.key() });

    // The volunteer's duty, a handover offered and declined (a notice naming them), then the duty cancelled.
    await env.ok('clinic', 'bookDuty', { sessionId: sessions[0] }, { as: v, idempotencyKey: env.key() });
    const h = await env.ok<{ id: string }>('clinic', 'offerHandover', { sessionId: sessions[0], toOpenid: v2 }, { as: v, idempotencyKey: env.key() });
    await env.ok('clinic', 'declineHandover', { handoverId: h.id }, { as: v2, idempotencyKey: env.key() });
    await env.ok('clinic', 'cancelDuty', { sessionId: sessions[0] }, { as: v, idempotencyKey: env.key() });
    // A second duty stays booked: 注销 must refuse until it is handed over or cancelled.
    await env.ok('clinic', 'bookDuty', { sessionId: sessions[1] }, { as: v, idempotencyKey: env.key() });
    // The worker books the volunteer's session (a future booking, refused likewise), the volunteer keeps a past duty.
    await env.ok('clinic', 'book', { sessionId: sessions[1], slotIndex: 0, profession: 'lawyer', description: `${W.name}咨询劳动合同` }, { as: w, idempotencyKey: env.key() });

    // The manager's demand, accepted and dispatched by staff; staff's visit and export.
    mPhoto = await env.uploadPhoto(m);
    ticketId = (await env.ok<{ id: string }>('tickets', 'submit', { title: '招聘旺季用工缺口', description: `联系人${M.name} ${M.phone}`, category: 'recruiting', attachments: [mPhoto] }, { as: m, idempotencyKey: env.key() })).id;
    await env.ok('tickets', 'act', { id: ticketId, version: 1, act: 'accept' }, { as: s, idempotencyKey: env.key() });
    await env.ok('tickets', 'act', { id: ticketId, version: 2, act: 'dispatch', leadUnitId: 'unit-hrss' }, { as: s, idempotencyKey: env.key() });
    visitId = (await env.ok<{ id: string }>('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: today, met: `${M.name}（经理）`, topics: ['用工'], problems: [] }, { as: s, idempotencyKey: env.key() })).id;
    await env.ok('admin', 'exportData', { kind: 'visits', ...period }, { as: s, idempotencyKey: env.key() });
    // Staff record a phone revisit of the manager's enterprise with the manager as the contact.
    const revisit: Record<string, unknown> = { ...(await Samples.revisit.recordRevisit(env)), contactName: M.name };
    revisitCampaign = String(revisit.campaignId);
    await env.ok('revisit', 'recordRevisit', revisit, { as: s, idempotencyKey: env.key() });
    void staff2;
  }, 120_000);
  afterAll(() => env.close());

  it('every place of personal-data.ts is served by a declared index', () => {
    for (const p of PersonalPlaces) {
      const spec = Schema.find((c) => c.name === p.collection)!;
      expect({ place: p.kind, served: spec.indexes.some((i) => Object.keys(i.keys)[0] === p.field) }).toEqual({ place: p.kind, served: true });
    }
  });

  it('我的数据: a file in storage listing what is held, for the caller only', async () => {
    const file = await env.ok<{ url: string; fileID: string; counts: Record<string, number> }>('user', 'myData', {}, { as: w, idempotencyKey: env.key() });
    expect(file.counts.questionsAsked).toBe(2);
    expect(file.counts.heldTexts).toBe(1);
    expect(file.counts.clinicBookings).toBe(1);
    expect(file.counts.evaluationsGiven).toBe(1);
    const bytes = Buffer.from(await (await fetch(file.url)).arrayBuffer());
    const profile = Object.fromEntries((await readSheet(bytes, 'profile')).map((r) => [String(r[0]), r[1]]));
    expect(profile).toMatchObject({ name: W.name, phone: W.phone, _id: w });
    const asked = await readSheet(bytes, 'questionsAsked');
    const row = Object.fromEntries(asked[0].map((h, i) => [String(h), asked[1][i]]));
    expect(row).toMatchObject({ _id: questionId, askerName: W.name });
    // Other people in the records are left out: the volunteer who claimed the question.
    expect(asked[0]).not.toContain('claimedByName');
    expect(asked[0]).not.toContain('claimedBy');
    // A guest has nothing to download.
    const guest = await env.call('user', 'myData', {}, { as: await env.makeUser('guest'), idempotencyKey: env.key() });
    expect(guest.ok ? 'OK' : guest.error.code).toBe('AUTH.FORBIDDEN');
  });

  let figuresBefore: unknown;
  let vRef = '';
  it('refuses 注销 while others depend on the person, with what to hand over; nothing changes', async () => {
    figuresBefore = await figures(env);
    const before = await env.counts();
    const rv = await env.call('user', 'deleteAccount', { confirm: true }, { as: v, idempotencyKey: env.key() });
    expect(rv.ok ? 'OK' : rv.error).toMatchObject({ code: 'ACCOUNT.HAS_OPEN_WORK', fields: { duties: '1' } });
    const rw = await env.call('user', 'deleteAccount', { confirm: true }, { as: w, idempotencyKey: env.key() });
    expect(rw.ok ? 'OK' : rw.error).toMatchObject({ code: 'ACCOUNT.HAS_OPEN_WORK', fields: { bookings: '1' } });
    expect(await env.counts()).toEqual(before);
    // Handed over: the worker cancels their booking (the volunteer's duty then has none and can be cancelled).
    const mine = await env.ok<{ items: { id: string }[] }>('clinic', 'myBookings', {}, { as: w });
    await env.ok('clinic', 'cancelBooking', { id: mine.items[0].id }, { as: w, idempotencyKey: env.key() });
    await env.ok('clinic', 'cancelDuty', { sessionId: sessions[1] }, { as: v, idempotencyKey: env.key() });
    figuresBefore = await figures(env);
  });

  it("bad input: no target but oneself, a confirmation required — someone else's account is never touched", async () => {
    const before = await env.counts();
    for (const data of [{ confirm: true, openid: m }, { openid: m }, {}, { confirm: false }]) {
      const r = await env.call('user', 'deleteAccount', data, { as: s, idempotencyKey: env.key() });
      expect(r.ok ? 'OK' : r.error.code).toBe('INPUT.INVALID');
    }
    const guest = await env.call('user', 'deleteAccount', { confirm: true }, { as: await env.makeUser('guest'), idempotencyKey: env.key() });
    expect(guest.ok ? 'OK' : guest.error.code).toBe('ACCOUNT.NONE');
    expect(await env.counts()).toEqual(before);
    expect((await env.ok<{ name?: string }>('user', 'me', {}, { as: m })).name).toBe(M.name);
  });

  it('注销 answers the same to a retry, ACCOUNT.NONE to a second one, and loses nothing else', async () => {
    const key = env.key();
    const first = await env.ok<{ deleted: true; reference: string }>('user', 'deleteAccount', { confirm: true }, { as: w, idempotencyKey: key });
    expect(first.reference).toMatch(/^deleted-[0-9a-f]{20}$/);
    const counts = await env.counts();
    const retry = await env.ok('user', 'deleteAccount', { confirm: true }, { as: w, idempotencyKey: key });
    expect(retry).toEqual(first);
    const again = await env.call('user', 'deleteAccount', { confirm: true }, { as: w, idempotencyKey: env.key() });
    expect(again.ok ? 'OK' : again.error.code).toBe('ACCOUNT.NONE');
    expect(await env.counts()).toEqual(counts);
    // The worker's photo is gone from storage; the question keeps its case, anonymised.
    const urls = await getApp().getTempFileURL({ fileList: [{ fileID: photo, maxAge: 60 }] });
    expect(urls.fileList?.[0]?.tempFileURL ?? '').toBe('');
    const q = (await getDb().collection(Collections.questions).doc(questionId).get()).data[0] as Record<string, unknown>;
    expect(q).toMatchObject({ askerOpenid: first.reference, attachments: [], status: 'solved' });
    expect(String(q.description)).toContain('***');
    // The follow-up still names its evaluation, now under the pseudonym.
    const task = (await getDb().collection(Collections.followUps).doc(followUpId).get()).data[0] as { source: { id: string } };
    expect(task.source.id).toBe(`question:${questionId}:${first.reference}`);
  });

  it('two 注销 at once (different keys) finish one deletion: the same reference, or ACCOUNT.NONE to the later', async () => {
    const answers = await Promise.all([0, 1, 2].map(() => env.call<{ reference: string }>('user', 'deleteAccount', { confirm: true }, { as: v, idempotencyKey: env.key() })));
    const refs = new Set(answers.filter((a) => a.ok).map((a) => (a.ok ? a.data.reference : '')));
    expect(refs.size).toBe(1);
    vRef = [...refs][0];
    for (const a of answers) if (!a.ok) expect(a.error.code).toBe('ACCOUNT.NONE');
    const audit = (await getDb().collection(Collections.audit).where({ targetOpenid: [...refs][0] }).get()).data;
    expect(audit.filter((e) => (e as { action: string }).action === 'delete-account')).toHaveLength(1);
  });

  it('a 注销 cut off half-way is refused to every other action and finished by the next call', async () => {
    // The state a timeout after the first step leaves: the mark and the running deletion record.
    const ref = 'deleted-00000000000000000001';
    await getDb().collection(Collections.accountDeletions).add({ _id: ref, status: 'running', communityId: 'xingping', role: 'manager', startedAt: new Date(), openid: m, name: M.name, phone: M.phone });
    await getDb().collection(Collections.users).doc(m).update({ deletion: ref });
    // …and cut off between deleting the demand's photo and dropping it from the demand.
    await getApp().deleteFile({ fileList: [mPhoto] });
    const list = await env.call('tickets', 'list', {}, { as: m });
    expect(list.ok ? 'OK' : list.error.code).toBe('ACCOUNT.DELETING');
    expect((await env.ok<{ deleting?: boolean }>('user', 'me', {}, { as: m })).deleting).toBe(true);
    const done = await env.ok<{ reference: string }>('user', 'deleteAccount', { confirm: true }, { as: m, idempotencyKey: env.key() });
    expect(done.reference).toBe(ref);
    const rec = (await getDb().collection(Collections.accountDeletions).doc(ref).get()).data[0] as Record<string, unknown>;
    expect(rec).toMatchObject({ status: 'done' });
    expect(rec.openid ?? rec.name ?? rec.phone).toBeUndefined();
    const ticket = (await getDb().collection(Collections.tickets).doc(ticketId).get()).data[0] as Record<string, unknown>;
    expect(ticket).toMatchObject({ submittedBy: ref, attachments: [] });
    await env.ok('user', 'deleteAccount', { confirm: true }, { as: s, idempotencyKey: env.key() });
  });

  it('every count and figure is what it was before (the scan below adds cases of its own)', async () => {
    // A row grouped by a person (a volunteer's satisfaction) is now keyed by the pseudonym, unlabelled, and may sort elsewhere.
    const after = JSON.stringify(await figures(env));
    const expected = JSON.stringify(figuresBefore).split(v).join(vRef);
    expect(canonical(JSON.parse(after), true)).toEqual(canonical(JSON.parse(expected), true));
  });

  it('after 注销 no read action of any role answers a name or phone of theirs, export files included', async () => {
    const found: string[] = [];
    const check = (what: string, body: unknown) => {
      const l = leaks(body);
      if (l.length) found.push(`${what}: ${l.join(', ')}`);
    };
    // Every read action, as every role allowed to call it, with its working sample.
    for (const [fn, { def }] of Object.entries(AllFunctions)) {
      for (const [action, act] of Object.entries(def.actions)) {
        if (act.write) continue;
        for (const role of act.roles as readonly Role[]) {
          const as = await env.makeUser(role);
          const data = await Samples[fn][action](env, as);
          check(`${fn}.${action} as ${role}`, await env.call(fn, action, data, { as }));
        }
      }
    }
    // The persons' own cases, read by the people who still see them.
    const staff = await env.makeUser('staff');
    const admin = await env.makeUser('admin');
    const unit = await env.makeUser('unit');
    check('qa.get', await env.call('qa', 'get', { id: questionId }, { as: staff }));
    check('tickets.get staff', await env.call('tickets', 'get', { id: ticketId }, { as: staff }));
    check('tickets.get unit', await env.call('tickets', 'get', { id: ticketId }, { as: unit }));
    check('admin.getVisit', await env.call('admin', 'getVisit', { id: visitId }, { as: staff }));
    check('admin.listAudit', await env.call('admin', 'listAudit', {}, { as: admin }));
    check('admin.listEnterprises', await env.call('admin', 'listEnterprises', {}, { as: staff }));
    check('admin.enterpriseOverview', await env.call('admin', 'enterpriseOverview', { enterpriseId: 'ent-yongsen' }, { as: staff }));
    check('revisit.listFollowUps', await env.call('revisit', 'listFollowUps', { status: 'done' }, { as: staff }));
    check('revisit.responses', await env.call('revisit', 'responses', { id: revisitCampaign }, { as: staff }));
    check('revisit.campaignTargets', await env.call('revisit', 'campaignTargets', { id: revisitCampaign }, { as: staff }));
    check('user.inbox of the handover colleague', await env.call('user', 'inbox', {}, { as: v2 }));
    // Every export kind: the file's cells.
    for (const kind of ['tickets', 'questions', 'consultations', 'visits', 'problems']) {
      const r = await env.call<{ url: string }>('admin', 'exportData', { kind, ...period, unmasked: true }, { as: admin, idempotencyKey: env.key() });
      if (!r.ok) {
        found.push(`export ${kind}: ${r.error.code}`);
        continue;
      }
      const rows = await readXlsxFile(Buffer.from(await (await fetch(r.data.url)).arrayBuffer()));
      check(`export ${kind}`, rows);
    }
    expect(found).toEqual([]);
  }, 600_000);

  it('scanning a code again starts a fresh record, with no link to the old one', async () => {
    const landing = await env.ok<{ me: { role: string; name?: string }; bound: boolean }>('user', 'enterByScene', { scene: 'E-YSQC', acceptPrivacy: true }, { as: w, idempotencyKey: env.key() });
    expect(landing).toMatchObject({ bound: true, me: { role: 'worker' } });
    expect(landing.me.name).toBeUndefined();
    const mine = await env.ok<{ items: unknown[] }>('qa', 'mine', {}, { as: w });
    expect(mine.items).toEqual([]);
    const pending = await env.ok<{ items: unknown[] }>('revisit', 'pending', {}, { as: w });
    expect(JSON.stringify(pending)).not.toContain(questionId);
  });
});

/** Arrays in a stable order, and (`unlabel`) a deleted person's row without the label it had. */
function canonical(v: unknown, unlabel: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => canonical(x, unlabel)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (v && typeof v === 'object') {
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x, unlabel)]));
    if (unlabel && typeof o.key === 'string' && o.key.startsWith('deleted-')) delete o.label;
    return o;
  }
  return v;
}

/** Every figure the staff side and the district read, as of the test's period. */
async function figures(env: TestEnv): Promise<unknown> {
  const staff = await env.makeUser('staff');
  const district = await env.makeUser('district');
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const calls = await Promise.all([
    env.ok('admin', 'dashboard', { ...period, communityId: 'xingping' }, { as: staff }),
    env.ok('admin', 'districtOverview', period, { as: district }),
    env.ok('admin', 'problemList', { ...period, communityId: 'xingping' }, { as: staff }),
    env.ok('revisit', 'figures', { year }, { as: staff }),
    env.ok('clinic', 'coverage', { month }, { as: staff }),
  ]);
  return JSON.parse(JSON.stringify(calls, (k, v) => (/^(generatedAt|asOf|now)$/.test(k) ? undefined : v)));
}
