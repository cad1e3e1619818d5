/**
 * Why a clinic seat stays empty after the rotation, so the roster board can say what fixes it
 * (issue 15 #13). Pure: the gap, the volunteers the rotation knew and the plan it made.
 *
 * - no_volunteer: no approved volunteer of that profession at all → approve or recruit one.
 * - cap_reached: every volunteer of the profession who could sit that day already has the month's
 *   cap of duties → raise the monthly cap (or ask one of them to take an extra duty).
 * - unavailable: there are volunteers of the profession, but none can sit that day (their weekdays,
 *   out of office, or already in that session) → ask a volunteer to claim it, or close the day.
 */
import type { GapReason } from '../api/clinic';
import type { Profession } from '../api/roles';
import { isoWeekday } from './clinic-calendar';
import type { DutyAssignment, RotationVolunteer } from './clinic-rotation';

export type { GapReason };

export function gapReason(
  gap: { sessionId: string; date: string; profession: Profession },
  volunteers: readonly RotationVolunteer[],
  assignments: readonly Pick<DutyAssignment, 'sessionId' | 'volunteerId'>[],
): GapReason {
  const ofProfession = volunteers.filter((v) => v.profession === gap.profession);
  if (!ofProfession.length) return 'no_volunteer';
  const weekday = isoWeekday(gap.date);
  const free = ofProfession.filter(
    (v) =>
      (!v.availability || v.availability.includes(weekday)) &&
      !(v.outOfOffice ?? []).includes(gap.date) &&
      !assignments.some((a) => a.sessionId === gap.sessionId && a.volunteerId === v.id),
  );
  if (!free.length) return 'unavailable';
  // Someone could sit that day: they are all held back by the monthly cap.
  return 'cap_reached';
}
