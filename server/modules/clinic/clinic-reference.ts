/**
 * What a booking copies or decides by and that changes rarely: the community's clinic settings
 * and the booker's enterprise (its name is copied onto the booking, a snapshot like the booker's
 * name). A function instance keeps each for at most a minute by the clock the call runs on — the
 * bound the holiday calendar the same sessions are computed on already has
 * (server/platform/holiday-calendar.ts) — so a warm instance's booking reads neither. A change
 * made through this instance (updateSettings) is seen at once; one made through another instance
 * within the minute. The settings screen and the roster read the settings fresh (loadSettings).
 */
import type { ClinicSettings } from '../../../core/api/clinic';
import { enterprisesRepository } from '../organisation';
import { loadSettings } from './clinic-common';

export const REFERENCE_TTL_MS = 60_000;
/** A bound on what one instance keeps (communities, enterprises): past it the cache starts over. */
const MAX_ENTRIES = 1000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/** Values by key, each read once and kept a minute by the call's clock (exported for its test). */
export function minuteCache<T>(load: (key: string) => Promise<T>) {
  const entries = new Map<string, Entry<T>>();
  return {
    get(key: string, now: Date): Promise<T> {
      const t = now.getTime();
      const hit = entries.get(key);
      // A clock set back (tests, a corrected clock) is not "within the minute".
      if (hit && t >= hit.at && t - hit.at < REFERENCE_TTL_MS) return hit.value;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      const entry: Entry<T> = { at: t, value: load(key) };
      entries.set(key, entry);
      // A failed read is not kept: the next call reads again.
      entry.value.catch(() => entries.get(key) === entry && entries.delete(key));
      return entry.value;
    },
    forget(key: string): void {
      entries.delete(key);
    },
  };
}

const settings = minuteCache<ClinicSettings>(loadSettings);

export interface EnterpriseName {
  id: string;
  name: string;
  nameEn?: string;
}

const enterprises = minuteCache<EnterpriseName | undefined>(async (id) => {
  const e = await enterprisesRepository.get(id);
  return e ? { id: e._id, name: e.name, ...(e.nameEn ? { nameEn: e.nameEn } : {}) } : undefined;
});

/** The community's clinic settings as a booking or a cancellation decides by them (see above). */
export const bookingSettings = (communityId: string, now: Date): Promise<ClinicSettings> => settings.get(communityId, now);
/** After this instance changed them: its next booking reads them again. */
export const settingsChanged = (communityId: string): void => settings.forget(communityId);
/** The enterprise's names as copied onto a booking. */
export const enterpriseName = (id: string, now: Date): Promise<EnterpriseName | undefined> => enterprises.get(id, now);
