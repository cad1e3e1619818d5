import fc from 'fast-check';
import {
  ActorRoles,
  MAX_SUSPENSIONS,
  TICKET,
  TicketActs,
  TicketStatuses,
  applyPatch,
  checkVersion,
  submitTicket,
  transition,
  type ActorRole,
  type HistoryEntry,
  type Ticket,
  type TicketAct,
  type TicketActor,
  type TicketStatus,
  type TransitionInput,
} from './ticket-machine';

const at = (s: string) => new Date(s);
const NOW = at('2026-03-03T10:00:00+08:00');
const T0 = at('2026-03-02T09:00:00+08:00');

/** One owning actor per role: of the ticket's community, enterprise, lead unit, assigned instructor. */
const ACTORS: Record<ActorRole, TicketActor> = {
  guest: { id: 'g1', role: 'guest', communityId: 'C1' },
  worker: { id: 'w1', role: 'worker', communityId: 'C1', enterpriseId: 'E1' },
  manager: { id: 'm1', role: 'manager', communityId: 'C1', enterpriseId: 'E1' },
  volunteer: { id: 'v1', role: 'volunteer', communityId: 'C1' },
  staff: { id: 's1', role: 'staff', communityId: 'C1' },
  instructor: { id: 'i1', role: 'instructor', communityId: 'C1' },
  unit: { id: 'u1', role: 'unit', communityId: 'C1', unitId: 'U1' },
  admin: { id: 'a1', role: 'admin', communityId: 'C1' },
  district: { id: 'd1', role: 'district', communityId: 'C1' },
  system: { id: 'timer', role: 'system' },
};

const base: Ticket = {
  id: 'T1',
  status: 'submitted',
  version: 1,
  communityId: 'C1',
  enterpriseId: 'E1',
  category: 'permit',
  urgency: 'normal',
  instructorId: 'i1',
  rung: 0,
  rungReachedAt: T0,
  submittedAt: T0,
};

/** A realistic ticket in each status, written by hand (not by running the machine). */
function ticketIn(status: TicketStatus): Ticket {
  const dispatched = { acceptedAt: T0, firstDispatchedAt: T0, dispatchedAt: T0, leadUnitId: 'U1', assistUnitIds: ['U3'] };
  switch (status) {
    case 'submitted':
      return { ...base };
    case 'accepted':
      return { ...base, status, version: 2, acceptedAt: T0 };
    case 'dispatched':
      return { ...base, status, version: 3, ...dispatched };
    case 'signed':
      return { ...base, status, version: 4, ...dispatched, signedAt: T0 };
    case 'in_progress':
      return { ...base, status, version: 5, ...dispatched, signedAt: T0 };
    case 'resolved':
      return { ...base, status, version: 6, ...dispatched, signedAt: T0, resolvedAt: T0 };
    case 'evaluated':
      return { ...base, status, version: 7, ...dispatched, signedAt: T0, resolvedAt: T0, evaluation: { rating: 2 } };
    case 'closed':
      return { ...base, status, version: 8, ...dispatched, signedAt: T0, resolvedAt: T0, closedAt: T0 };
    case 'suspended':
      return { ...base, status, version: 6, ...dispatched, signedAt: T0, suspendedFrom: 'in_progress', suspensions: [{ start: T0, end: null }] };
    case 'merged':
      return { ...base, status, version: 3, acceptedAt: T0, mergedInto: 'T2' };
  }
}

/** Input every act accepts, so the matrix tests roles and statuses only. */
const VALID: TransitionInput = {
  reason: '缺少材料',
  note: '已联系企业',
  leadUnitId: 'U2',
  assistUnitIds: ['U4'],
  rating: 4,
  target: { id: 'T2', status: 'in_progress', communityId: 'C1' },
};

/**
 * The expectation, written independently of the implementation's table: who may do each act,
 * and from which statuses. Read as the product decision in issue #4.
 */
const EXPECTED = `
accept     | instructor staff admin                 | submitted
dispatch   | staff admin                            | accepted
sign       | unit                                   | dispatched
start      | unit                                   | signed
progress   | unit                                   | in_progress
resolve    | unit                                   | signed in_progress
evaluate   | manager                                | resolved
close      | staff admin system                     | resolved evaluated
return     | unit                                   | dispatched signed in_progress
redispatch | staff admin                            | dispatched signed in_progress
supervise  | staff admin instructor system          | accepted dispatched signed in_progress
suspend    | staff admin unit                       | accepted dispatched signed in_progress
resume     | staff admin unit manager               | suspended
reopen     | manager                                | resolved evaluated
merge      | staff admin                            | submitted accepted dispatched signed in_progress suspended
escalate   | staff admin system                     | submitted accepted dispatched signed in_progress
`;
const expectation = new Map(
  EXPECTED.trim()
    .split('\n')
    .map((line) => {
      const [act, roles, from] = line.split('|').map((s) => s.trim().split(/\s+/));
      return [act[0], { roles, from }] as const;
    }),
);
/** Where each allowed act leads (same: the status does not change). */
const LEADS_TO: Record<TicketAct, (from: TicketStatus) => TicketStatus> = {
  accept: () => 'accepted',
  dispatch: () => 'dispatched',
  sign: () => 'signed',
  start: () => 'in_progress',
  progress: (s) => s,
  resolve: () => 'resolved',
  evaluate: () => 'evaluated',
  close: () => 'closed',
  return: () => 'accepted',
  redispatch: () => 'dispatched',
  supervise: (s) => s,
  suspend: () => 'suspended',
  resume: () => 'in_progress', // the fixture was suspended from in_progress
  reopen: () => 'in_progress',
  merge: () => 'merged',
  escalate: (s) => s,
};

function expected(status: TicketStatus, act: TicketAct, role: ActorRole): TicketStatus | string {
  const e = expectation.get(act)!;
  if (!e.roles.includes(role)) return TICKET.NOT_ALLOWED;
  if (!e.from.includes(status)) return TICKET.WRONG_STATUS;
  // An accepted ticket has no lead unit yet: no unit owns it.
  if (role === 'unit' && status === 'accepted') return TICKET.NOT_YOURS;
  return LEADS_TO[act](status);
}

describe('every (status × act × role): allowed, or the exact refusal', () => {
  it('the expectation table covers every act', () => {
    expect([...expectation.keys()].sort()).toEqual([...TicketActs].sort());
  });

  const triples = TicketStatuses.flatMap((s) => TicketActs.flatMap((a) => ActorRoles.map((r) => [s, a, r] as const)));
  it.each(triples)('%s · %s · %s', (status, act, role) => {
    const t = ticketIn(status);
    const r = transition(t, act, ACTORS[role], NOW, VALID);
    const want = expected(status, act, role);
    if (want.startsWith('TICKET.')) {
      expect(r).toEqual({ ok: false, code: want });
    } else {
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.next.status).toBe(want);
      expect(r.next.version).toBe(t.version + 1);
      expect(r.history).toMatchObject({ ticketId: 'T1', version: t.version + 1, at: NOW, actorId: ACTORS[role].id, actorRole: role, act, from: status, to: want });
    }
  });
});

describe('ownership', () => {
  const other = (a: TicketActor, patch: Partial<TicketActor>) => ({ ...a, ...patch });
  it.each<[string, TicketStatus, TicketAct, TicketActor, string | true]>([
    ['a unit acting on a ticket dispatched to another unit', 'dispatched', 'sign', other(ACTORS.unit, { unitId: 'U2' }), TICKET.NOT_YOURS],
    ['a unit with no unit at all', 'dispatched', 'sign', other(ACTORS.unit, { unitId: undefined }), TICKET.NOT_YOURS],
    ['an assisting unit (协办) reports progress', 'in_progress', 'progress', other(ACTORS.unit, { unitId: 'U3' }), true],
    ['an assisting unit may not resolve', 'in_progress', 'resolve', other(ACTORS.unit, { unitId: 'U3' }), TICKET.NOT_YOURS],
    ['an assisting unit may not return it', 'in_progress', 'return', other(ACTORS.unit, { unitId: 'U3' }), TICKET.NOT_YOURS],
    ['an unrelated unit may not report progress', 'in_progress', 'progress', other(ACTORS.unit, { unitId: 'U9' }), TICKET.NOT_YOURS],
    ['the manager of another enterprise evaluates', 'resolved', 'evaluate', other(ACTORS.manager, { enterpriseId: 'E2' }), TICKET.NOT_YOURS],
    ['the manager of another enterprise reopens', 'evaluated', 'reopen', other(ACTORS.manager, { enterpriseId: 'E2' }), TICKET.NOT_YOURS],
    ['the manager of another enterprise resumes', 'suspended', 'resume', other(ACTORS.manager, { enterpriseId: 'E2' }), TICKET.NOT_YOURS],
    ['a manager with no enterprise', 'resolved', 'evaluate', other(ACTORS.manager, { enterpriseId: undefined }), TICKET.NOT_YOURS],
    ['staff of another community', 'accepted', 'dispatch', other(ACTORS.staff, { communityId: 'C2' }), TICKET.NOT_YOURS],
    ['an admin of another community', 'resolved', 'close', other(ACTORS.admin, { communityId: 'C2' }), TICKET.NOT_YOURS],
    ['a user with no community', 'accepted', 'dispatch', other(ACTORS.staff, { communityId: undefined }), TICKET.NOT_YOURS],
    ['an instructor not assigned to the enterprise', 'submitted', 'accept', other(ACTORS.instructor, { id: 'i2' }), TICKET.NOT_YOURS],
    ['any instructor of the community supervises', 'dispatched', 'supervise', other(ACTORS.instructor, { id: 'i2' }), true],
    ['an instructor of another community supervises', 'dispatched', 'supervise', other(ACTORS.instructor, { communityId: 'C2' }), TICKET.NOT_YOURS],
    ['the timer belongs to no community and acts on all', 'evaluated', 'close', ACTORS.system, true],
    ['a unit resumes a ticket suspended before dispatch (no lead unit)', 'suspended', 'resume', ACTORS.unit, TICKET.NOT_YOURS],
  ])('%s', (_label, status, act, actor, want) => {
    let t = ticketIn(status);
    if (_label.includes('before dispatch')) t = { ...ticketIn('accepted'), status: 'suspended', suspendedFrom: 'accepted', suspensions: [{ start: T0, end: null }] };
    const r = transition(t, act, actor, NOW, VALID);
    if (want === true) expect(r.ok).toBe(true);
    else expect(r).toEqual({ ok: false, code: want });
  });

  it('any instructor of the community accepts when the enterprise has no assigned instructor', () => {
    const t = { ...ticketIn('submitted'), instructorId: null };
    expect(transition(t, 'accept', { ...ACTORS.instructor, id: 'i9' }, NOW).ok).toBe(true);
  });
});

describe('input checks', () => {
  const refused = (status: TicketStatus, act: TicketAct, role: ActorRole, input: TransitionInput) => transition(ticketIn(status), act, ACTORS[role], NOW, input);
  it.each<[string, TicketStatus, TicketAct, ActorRole, TransitionInput, string]>([
    ['退单 without a reason', 'signed', 'return', 'unit', {}, TICKET.REASON_REQUIRED],
    ['退单 with a blank reason', 'signed', 'return', 'unit', { reason: '  \n ' }, TICKET.REASON_REQUIRED],
    ['退单 with only a note', 'signed', 'return', 'unit', { note: '不归我们管' }, TICKET.REASON_REQUIRED],
    ['改派 without a reason', 'signed', 'redispatch', 'staff', { leadUnitId: 'U2' }, TICKET.REASON_REQUIRED],
    ['改派 without a unit', 'signed', 'redispatch', 'staff', { reason: '职责调整' }, TICKET.UNIT_REQUIRED],
    ['suspend without a reason', 'in_progress', 'suspend', 'unit', {}, TICKET.REASON_REQUIRED],
    ['reopen without a reason', 'resolved', 'reopen', 'manager', {}, TICKET.REASON_REQUIRED],
    ['dispatch without a lead unit', 'accepted', 'dispatch', 'staff', { assistUnitIds: ['U2'] }, TICKET.UNIT_REQUIRED],
    ['dispatch to a blank unit', 'accepted', 'dispatch', 'staff', { leadUnitId: ' ' }, TICKET.UNIT_REQUIRED],
    ['a progress report that says nothing', 'in_progress', 'progress', 'unit', {}, TICKET.NOTE_REQUIRED],
    ['a result that says nothing', 'in_progress', 'resolve', 'unit', { reason: 'x' }, TICKET.NOTE_REQUIRED],
    ['no rating', 'resolved', 'evaluate', 'manager', {}, TICKET.RATING_INVALID],
    ['rating 0', 'resolved', 'evaluate', 'manager', { rating: 0 }, TICKET.RATING_INVALID],
    ['rating 6', 'resolved', 'evaluate', 'manager', { rating: 6 }, TICKET.RATING_INVALID],
    ['rating 3.5', 'resolved', 'evaluate', 'manager', { rating: 3.5 }, TICKET.RATING_INVALID],
    ['rating NaN', 'resolved', 'evaluate', 'manager', { rating: NaN }, TICKET.RATING_INVALID],
    ['merge without a target', 'accepted', 'merge', 'staff', {}, TICKET.MERGE_TARGET_INVALID],
    ['merge into itself', 'accepted', 'merge', 'staff', { target: { id: 'T1', status: 'accepted', communityId: 'C1' } }, TICKET.MERGE_TARGET_INVALID],
    ['merge into a closed ticket', 'accepted', 'merge', 'staff', { target: { id: 'T2', status: 'closed', communityId: 'C1' } }, TICKET.MERGE_TARGET_INVALID],
    ['merge into a merged ticket', 'accepted', 'merge', 'staff', { target: { id: 'T2', status: 'merged', communityId: 'C1' } }, TICKET.MERGE_TARGET_INVALID],
    ['merge into another community', 'accepted', 'merge', 'staff', { target: { id: 'T2', status: 'accepted', communityId: 'C2' } }, TICKET.MERGE_TARGET_INVALID],
  ])('%s', (_label, status, act, role, input, code) => {
    expect(refused(status, act, role, input)).toEqual({ ok: false, code });
  });

  it('escalating at the top of the ladder is refused', () => {
    const t = { ...ticketIn('in_progress'), rung: 2 as const };
    expect(transition(t, 'escalate', ACTORS.staff, NOW)).toEqual({ ok: false, code: TICKET.AT_TOP_RUNG });
  });

  it('the eleventh suspension is refused', () => {
    const past = Array.from({ length: MAX_SUSPENSIONS }, () => ({ start: T0, end: T0 }));
    const t = { ...ticketIn('in_progress'), suspensions: past };
    expect(transition(t, 'suspend', ACTORS.staff, NOW, { reason: '等材料' })).toEqual({ ok: false, code: TICKET.TOO_MANY_SUSPENSIONS });
  });

  it('an unknown act is refused with its own code', () => {
    expect(transition(ticketIn('submitted'), 'teleport' as TicketAct, ACTORS.staff, NOW)).toEqual({ ok: false, code: TICKET.UNKNOWN_ACT });
    expect(transition(ticketIn('submitted'), 'toString' as TicketAct, ACTORS.staff, NOW)).toEqual({ ok: false, code: TICKET.UNKNOWN_ACT });
  });

  it('role is checked before status, status before ownership, ownership before input', () => {
    const stranger = { ...ACTORS.unit, unitId: 'U9' };
    expect(transition(ticketIn('closed'), 'return', ACTORS.worker, NOW)).toEqual({ ok: false, code: TICKET.NOT_ALLOWED });
    expect(transition(ticketIn('closed'), 'return', stranger, NOW)).toEqual({ ok: false, code: TICKET.WRONG_STATUS });
    expect(transition(ticketIn('signed'), 'return', stranger, NOW)).toEqual({ ok: false, code: TICKET.NOT_YOURS });
    expect(transition(ticketIn('signed'), 'return', ACTORS.unit, NOW)).toEqual({ ok: false, code: TICKET.REASON_REQUIRED });
  });
});

describe('what each act writes', () => {
  const ok = (t: Ticket, act: TicketAct, role: ActorRole, input: TransitionInput = {}) => {
    const r = transition(t, act, ACTORS[role], NOW, input);
    if (!r.ok) throw new Error(`${act} refused: ${r.code}`);
    return r;
  };

  it('dispatch names the lead once and the assisting units without repeats; the first dispatch is kept', () => {
    const r = ok(ticketIn('accepted'), 'dispatch', 'staff', { leadUnitId: 'U2', assistUnitIds: ['U2', 'U4', 'U4', '', 'U5'] });
    expect(r.next).toMatchObject({ status: 'dispatched', leadUnitId: 'U2', assistUnitIds: ['U4', 'U5'], dispatchedAt: NOW, firstDispatchedAt: NOW, signedAt: null });
    expect(r.history.detail).toEqual({ leadUnitId: 'U2', assistUnitIds: ['U4', 'U5'] });
    const again = ok(ticketIn('in_progress'), 'redispatch', 'staff', { leadUnitId: 'U2', reason: '职责调整' });
    expect(again.next).toMatchObject({ status: 'dispatched', leadUnitId: 'U2', assistUnitIds: [], firstDispatchedAt: T0, dispatchedAt: NOW });
    expect(again.history.note).toBe('职责调整');
  });

  it('退单 goes back to accepted, clears the units and counts the return, with the reason in the timeline', () => {
    const r = ok({ ...ticketIn('signed'), returnCount: 1 }, 'return', 'unit', { reason: ' 不属于本单位职责 ' });
    expect(r.next).toMatchObject({ status: 'accepted', leadUnitId: null, assistUnitIds: [], signedAt: null, dispatchedAt: null, returnCount: 2 });
    expect(r.history).toMatchObject({ act: 'return', from: 'signed', to: 'accepted', note: '不属于本单位职责' });
  });

  it('suspend remembers where it was and opens a suspension; resume returns there and closes it', () => {
    const s = ok(ticketIn('signed'), 'suspend', 'unit', { reason: '等待企业补充材料' });
    expect(s.next).toMatchObject({ status: 'suspended', suspendedFrom: 'signed', suspensions: [{ start: NOW, end: null }] });
    const suspended = applyPatch(ticketIn('signed'), s.next);
    const later = at('2026-03-05T15:00:00+08:00');
    const r = transition(suspended, 'resume', ACTORS.manager, later);
    expect(r.ok && r.next).toMatchObject({ status: 'signed', suspendedFrom: null, suspensions: [{ start: NOW, end: later }], version: suspended.version + 1 });
  });

  it('reopen goes back to the same lead unit, in progress, and restarts the resolution clock', () => {
    const r = ok(ticketIn('evaluated'), 'reopen', 'manager', { reason: '问题仍未解决' });
    expect(r.next).toMatchObject({ status: 'in_progress', resolvedAt: null, evaluation: null, reopenedAt: NOW, reopenCount: 1 });
    expect(r.next.leadUnitId).toBeUndefined(); // untouched: still U1
  });

  it('evaluate keeps the rating and a trimmed comment; supervise and escalate only record', () => {
    expect(ok(ticketIn('resolved'), 'evaluate', 'manager', { rating: 5, comment: ' 很及时 ' }).next.evaluation).toEqual({ rating: 5, comment: '很及时' });
    expect(ok(ticketIn('resolved'), 'evaluate', 'manager', { rating: 1 }).next.evaluation).toEqual({ rating: 1 });
    const s = ok({ ...ticketIn('dispatched'), superviseCount: 2 }, 'supervise', 'instructor', { note: '请尽快签收' });
    expect(s.next).toEqual({ status: 'dispatched', version: 4, superviseCount: 3, lastSupervisedAt: NOW });
    const e = ok(ticketIn('dispatched'), 'escalate', 'system');
    expect(e.next).toEqual({ status: 'dispatched', version: 4, rung: 1, rungReachedAt: NOW });
    expect(e.history.detail).toEqual({ rung: 1 });
  });

  it('merge records the target; the ticket is never mutated', () => {
    const t = ticketIn('accepted');
    const copy = JSON.stringify(t);
    const r = ok(t, 'merge', 'staff', { target: { id: 'T2', status: 'dispatched', communityId: 'C1' }, reason: '重复提交' });
    expect(r.next).toMatchObject({ status: 'merged', mergedInto: 'T2' });
    expect(r.history.detail).toEqual({ targetId: 'T2' });
    expect(JSON.stringify(t)).toBe(copy);
  });

  it('merging a suspended duplicate ends its suspension', () => {
    const r = ok(ticketIn('suspended'), 'merge', 'staff', { target: { id: 'T2', status: 'in_progress', communityId: 'C1' } });
    expect(r.next).toMatchObject({ status: 'merged', mergedInto: 'T2', suspendedFrom: null, suspensions: [{ start: T0, end: NOW }] });
  });
});

describe('submission and versions', () => {
  it('a manager submits for their own enterprise: version 1, rung 0 reached now', () => {
    const r = submitTicket({ id: 'T9', category: 'permit', urgency: 'urgent', instructorId: 'i1', note: '环评批复卡住' }, ACTORS.manager, NOW);
    expect(r).toEqual({
      ok: true,
      ticket: { ...base, id: 'T9', urgency: 'urgent', rungReachedAt: NOW, submittedAt: NOW },
      history: { ticketId: 'T9', version: 1, at: NOW, actorId: 'm1', actorRole: 'manager', act: 'submit', from: null, to: 'submitted', note: '环评批复卡住' },
    });
  });
  it.each(ActorRoles.filter((r) => r !== 'manager'))('%s does not submit', (role) => {
    expect(submitTicket({ id: 'T9', category: 'x', urgency: 'normal' }, ACTORS[role], NOW)).toEqual({ ok: false, code: TICKET.NOT_ALLOWED });
  });
  it('a manager without an enterprise does not submit', () => {
    expect(submitTicket({ id: 'T9', category: 'x', urgency: 'normal' }, { ...ACTORS.manager, enterpriseId: undefined }, NOW)).toEqual({ ok: false, code: TICKET.NOT_YOURS });
  });
  it('checkVersion: equal passes, anything else is a conflict', () => {
    expect(checkVersion(3, 3)).toEqual({ ok: true });
    expect(checkVersion(3, 4)).toEqual({ ok: false, code: 'TICKET.VERSION_CONFLICT' });
    expect(checkVersion(4, 3)).toEqual({ ok: false, code: 'TICKET.VERSION_CONFLICT' });
  });
});

describe('the whole chain, end to end', () => {
  it('submit → accept → dispatch → sign → start → progress → suspend → resume → resolve → evaluate → close', () => {
    const steps: [TicketAct, ActorRole, TransitionInput][] = [
      ['accept', 'instructor', { note: '请社区协调' }],
      ['dispatch', 'staff', { leadUnitId: 'U1', assistUnitIds: ['U3'] }],
      ['sign', 'unit', {}],
      ['start', 'unit', {}],
      ['progress', 'unit', { note: '已现场踏勘' }],
      ['suspend', 'unit', { reason: '等待企业补充图纸' }],
      ['resume', 'manager', { note: '图纸已上传' }],
      ['resolve', 'unit', { note: '已办结' }],
      ['evaluate', 'manager', { rating: 5 }],
      ['close', 'system', {}],
    ];
    const sub = submitTicket({ id: 'T1', category: 'permit', urgency: 'normal', instructorId: 'i1' }, ACTORS.manager, T0);
    if (!sub.ok) throw new Error('submit');
    let t = sub.ticket;
    const timeline = [sub.history];
    steps.forEach(([act, role, input], i) => {
      const r = transition(t, act, ACTORS[role], new Date(T0.getTime() + (i + 1) * 3_600_000), input);
      if (!r.ok) throw new Error(`${act}: ${r.code}`);
      t = applyPatch(t, r.next);
      timeline.push(r.history);
    });
    expect(timeline.map((h) => `${h.from ?? '∅'}>${h.to}`)).toEqual([
      '∅>submitted',
      'submitted>accepted',
      'accepted>dispatched',
      'dispatched>signed',
      'signed>in_progress',
      'in_progress>in_progress',
      'in_progress>suspended',
      'suspended>in_progress',
      'in_progress>resolved',
      'resolved>evaluated',
      'evaluated>closed',
    ]);
    expect(timeline.map((h) => h.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(t).toMatchObject({ status: 'closed', version: 11, suspensions: [{ start: at('2026-03-02T15:00:00+08:00'), end: at('2026-03-02T16:00:00+08:00') }] });
  });
});

describe('properties over random sequences of acts by random actors', () => {
  const actorArb = fc.oneof(
    fc.constantFrom(...Object.values(ACTORS)),
    fc.record({
      id: fc.constantFrom('x1', 'x2'),
      role: fc.constantFrom(...ActorRoles),
      unitId: fc.constantFrom(undefined, 'U1', 'U2', 'U3'),
      enterpriseId: fc.constantFrom(undefined, 'E1', 'E2'),
      communityId: fc.constantFrom(undefined, 'C1', 'C2'),
    }),
  );
  const inputArb = fc.record(
    {
      reason: fc.constantFrom('', ' ', '缺材料'),
      note: fc.constantFrom('', '进展'),
      leadUnitId: fc.constantFrom('U1', 'U2', ''),
      assistUnitIds: fc.constantFrom([], ['U3'], ['U1', 'U3']),
      rating: fc.constantFrom(0, 1, 3, 5, 7),
      target: fc.constantFrom(
        { id: 'T2', status: 'in_progress' as const, communityId: 'C1' },
        { id: 'T1', status: 'accepted' as const, communityId: 'C1' },
        { id: 'T3', status: 'closed' as const, communityId: 'C1' },
      ),
    },
    { requiredKeys: [] },
  );
  const stepArb = fc.tuple(fc.constantFrom(...TicketActs), actorArb, inputArb, fc.integer({ min: 0, max: 5 * 86_400_000 }));

  it('version +1 exactly on success, never on failure; history length = successes; terminal tickets accept nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TicketStatuses), fc.array(stepArb, { maxLength: 60 }), (start, steps) => {
        let t: Ticket = ticketIn(start);
        const firstVersion = t.version;
        let clock = T0.getTime();
        const history: HistoryEntry[] = [];
        let successes = 0;
        for (const [act, actor, input, dt] of steps) {
          clock += dt;
          const before = t;
          const r = transition(t, act, actor, new Date(clock), input);
          if (r.ok) {
            successes++;
            expect(before.status === 'closed' || before.status === 'merged').toBe(false);
            expect(r.next.version).toBe(before.version + 1);
            expect(r.history).toMatchObject({ version: r.next.version, from: before.status, to: r.next.status, act, actorId: actor.id });
            t = applyPatch(t, r.next);
            history.push(r.history);
          } else {
            expect(Object.values(TICKET)).toContain(r.code);
            if (before.status === 'closed' || before.status === 'merged') expect([TICKET.NOT_ALLOWED, TICKET.WRONG_STATUS]).toContain(r.code);
          }
        }
        expect(history).toHaveLength(successes);
        expect(t.version).toBe(firstVersion + successes);
        // Versions in the timeline strictly increase, and each entry starts where the previous ended.
        history.forEach((h, i) => {
          if (i > 0) {
            expect(h.version).toBe(history[i - 1].version + 1);
            expect(h.from).toBe(history[i - 1].to);
          }
        });
        // Structural invariants of the resulting ticket.
        if (t.status === 'suspended') expect(t.suspendedFrom).toBeTruthy();
        else expect(t.suspendedFrom ?? null).toBeNull();
        expect((t.suspensions ?? []).filter((s) => s.end === null)).toHaveLength(t.status === 'suspended' ? 1 : 0);
        if (['dispatched', 'signed', 'in_progress', 'resolved', 'evaluated'].includes(t.status)) expect(t.leadUnitId).toBeTruthy();
        expect([0, 1, 2]).toContain(t.rung);
      }),
      { numRuns: 500 },
    );
  });

  it('from closed or merged, every act by every actor is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom<TicketStatus>('closed', 'merged'), fc.constantFrom(...TicketActs), actorArb, inputArb, (status, act, actor, input) => {
        const r = transition(ticketIn(status), act, actor, NOW, input);
        expect(r.ok).toBe(false);
      }),
    );
  });
});
