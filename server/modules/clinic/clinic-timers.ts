/**
 * The clinic's timers. Each notice is an inbox item keyed by the reminder or the gap and its
 * recipient: only the run whose insert won tries the subscribe message, so a trigger fired twice
 * or two overlapping runs remind each person once, and the outcome WeChat gave is kept on it.
 */
import { clinicSessions } from '../../../core/rules/clinic-calendar';
import { clinicJobsDue } from '../../../core/rules/clinic-timer';
import { remindersToSend, type Remindable } from '../../../core/rules/clinic-booking';
import { addDays, shanghaiDate, type WorkingCalendar } from '../../../core/rules/working-days';
import type { TimerContext } from '../../kernel/define-function';
import { staffDirectory } from '../qa';
import { loadSettings } from './clinic-common';
import { notify } from '../notify';
import { gapNotices, reminderNotice } from './clinic-notifications';
import { bookingsRepository, clinicSettingsRepository, dutiesRepository } from './clinic.repository';
import { gapsOf } from './roster.use-cases';

/**
 * The clinic's one timer trigger (hourly, five past): the reminders every hour, the coverage check
 * in the 09:xx hour (core/rules/clinic-timer.ts). Answers what each job that ran did.
 */
export async function runClinicTimer(ctx: TimerContext): Promise<{
  jobs: string[];
  reminders?: Awaited<ReturnType<typeof sendReminders>>;
  coverage?: Awaited<ReturnType<typeof flagCoverageGaps>>;
}> {
  const jobs = clinicJobsDue(ctx.clock.now());
  const out: Awaited<ReturnType<typeof runClinicTimer>> = { jobs };
  // One after the other: each job's own claims keep it idempotent, and the function's time budget is shared.
  if (jobs.includes('reminders')) out.reminders = await sendReminders(ctx);
  if (jobs.includes('coverage')) out.coverage = await flagCoverageGaps(ctx);
  return out;
}

/** How far ahead coverage gaps are flagged. */
export const COVERAGE_DAYS = 14;

/** Hourly: the evening-before reminder to each booker and each volunteer on duty. */
export async function sendReminders(ctx: TimerContext): Promise<{ due: number; sent: number }> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const dates = [today, addDays(today, 1)];
  const [bookings, duties] = await Promise.all([bookingsRepository.confirmedOn(dates), dutiesRepository.byDates(dates)]);
  const profession = new Map<string, { profession: (typeof bookings)[number]['profession']; startsAt: Date; communityId: string }>();
  const remindable: Remindable[] = [
    ...bookings.map((b) => {
      profession.set(`consultation:${b._id}`, { profession: b.profession, startsAt: new Date(b.startsAt), communityId: b.communityId });
      return { id: b._id, kind: 'consultation' as const, recipientId: b.bookerId, sessionDate: b.sessionDate, startsAt: new Date(b.startsAt), status: b.status };
    }),
    ...duties.map((d) => {
      profession.set(`duty:${d._id}`, { profession: d.profession, startsAt: new Date(d.startsAt), communityId: d.communityId });
      return { id: d._id, kind: 'duty' as const, recipientId: d.volunteerOpenid, sessionDate: d.date, startsAt: new Date(d.startsAt), status: 'confirmed' as const };
    }),
  ];
  const due = remindersToSend(remindable, [], now);
  const communities = [...new Set(due.map((r) => profession.get(`${r.kind}:${r.bookingId}`)!.communityId))];
  const stations = new Map(await Promise.all(communities.map(async (c) => [c, (await loadSettings(c)).station] as const)));
  const notices = due.map((r) => {
    const what = profession.get(`${r.kind}:${r.bookingId}`)!;
    return reminderNotice(r.key, r.recipientId, r.kind, what.profession, what.startsAt, now, what.communityId, stations.get(what.communityId));
  });
  const { sent } = await notify(notices, now);
  return { due: due.length, sent };
}

/** Daily: seats nobody fills in the next 14 days, told to the community's staff once per gap. */
export async function flagCoverageGaps(ctx: TimerContext): Promise<{ gaps: number; flagged: number; notified: number }> {
  const now = ctx.clock.now();
  const from = shanghaiDate(now);
  const to = addDays(from, COVERAGE_DAYS - 1);
  const dates = Array.from({ length: COVERAGE_DAYS }, (_, i) => addDays(from, i));
  // Communities with a clinic: settings saved by staff, or duties booked in the window.
  const communities = new Set([...(await clinicSettingsRepository.activeCommunities()), ...(await dutiesRepository.byDates(dates)).map((d) => d.communityId)]);
  const staffOf = staffDirectory();
  let gaps = 0;
  let flagged = 0;
  let notified = 0;
  for (const communityId of communities) {
    const s = await loadSettings(communityId);
    const found = await gapsOf(communityId, s, clinicSessions(s, { from, to }, ctx.calendars.for(communityId)), now);
    gaps += found.length;
    for (const g of found) {
      const d = await notify(gapNotices(await staffOf(communityId), communityId, g.sessionId, g.date, g.profession, g.missing, now), now);
      if (d.written > 0) flagged += 1;
      notified += d.sent;
    }
  }
  return { gaps, flagged, notified };
}

/** 待办: how many seats nobody fills in the coming COVERAGE_DAYS (reads that window's duties only). */
export async function coverageGapsAhead(communityId: string, now: Date, cal: WorkingCalendar): Promise<number> {
  const from = shanghaiDate(now);
  const s = await loadSettings(communityId);
  return (await gapsOf(communityId, s, clinicSessions(s, { from, to: addDays(from, COVERAGE_DAYS - 1) }, cal), now)).length;
}
