/** What other modules read of the clinic: counts (home's 待办), consultations per enterprise (revisit). */
import { ALL_INSTANTS, countsByEnterprise, newestPage, selection, type InstantAfter, type PageAfter, type Selection } from '../../db/reads';
import type { BookingDoc } from './clinic.repository';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';

const count = async (collection: string, where: Record<string, unknown>): Promise<number> => (await getDb().collection(collection).where(where).count()).total ?? 0;

export const clinicCounts = {
  upcomingBookings: (bookerId: string, now: Date) => count(Collections.clinicBookings, { bookerId, status: 'confirmed', startsAt: getDb().command.gte(now) }),
  dutiesBetween: (volunteerOpenid: string, from: string, to: string) => {
    const _ = getDb().command;
    return count(Collections.clinicDuties, { volunteerOpenid, date: _.gte(from).and(_.lte(to)) });
  },
  handoversOffered: (toOpenid: string) => count(Collections.clinicHandovers, { toOpenid, status: 'offered' }),
};

export const consultationQueries = {
  /** Consultations neither cancelled nor missed per enterprise, by the sessions' months (monthKey <community>:<YYYY-MM>). */
  heldByEnterprise: (monthKeys: string[]) => countsByEnterprise(Collections.clinicBookings, { monthKey: getDb().command.in(monthKeys), status: getDb().command.nin(['cancelled', 'no_show']) }),
  /** A community's bookings of sessions from `from` to `to` (dates, inclusive; the console's exports). */
  onDates(communityId: string, from: string, to: string): Selection<BookingDoc> {
    const _ = getDb().command;
    return selection<BookingDoc>(Collections.clinicBookings, { communityId, sessionDate: _.gte(from).and(_.lte(to)) });
  },
  /**
   * A person's attended consultations whose outcome was recorded since `since`, newest first
   * (outcome.recordedAt, then _id), after a position (revisit.pending's cursor): along the
   * (booker, status, outcome.recordedAt, _id) index, a page of `limit`, not the person's history.
   */
  async attendedPage(bookerId: string, since: Date, after: PageAfter | undefined, limit: number): Promise<BookingDoc[]> {
    const _ = getDb().command;
    const conds: object[] = [{ bookerId }, { status: 'attended' }, { 'outcome.recordedAt': _.gte(since) }];
    if (after) conds.push({ 'outcome.recordedAt': _.lte(after.at) }, _.or([{ 'outcome.recordedAt': _.lt(after.at) }, { _id: after.inclusive ? _.lte(after.id) : _.lt(after.id) }]));
    const res = await getDb().collection(Collections.clinicBookings).where(_.and(conds)).orderBy('outcome.recordedAt', 'desc').orderBy('_id', 'desc').limit(limit).get();
    return res.data as BookingDoc[];
  },
  /** A page of an enterprise's consultations (not cancelled when `live`), newest first by (startsAt, _id), after `after`: along the (enterprise, startsAt, _id) index. */
  ofEnterprise(communityId: string, enterpriseId: string, limit: number, opts: { after?: InstantAfter; live?: boolean; fields?: Record<string, boolean> } = {}): Promise<BookingDoc[]> {
    const where: Record<string, unknown> = { enterpriseId, communityId };
    if (opts.live) where.status = getDb().command.neq('cancelled');
    return newestPage<BookingDoc>(Collections.clinicBookings, where, { field: 'startsAt', ...ALL_INSTANTS }, limit, opts.after, opts.fields);
  },
};
