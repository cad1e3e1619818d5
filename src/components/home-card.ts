import type { Me } from '@core/api/user';
import type { MessageKey, TFunction } from '../i18n';

/** Workers and enterprise liaisons: the people the features serve (their cards come first on home). */
export const isAsker = (me: { role: string }) => me.role === 'worker' || me.role === 'manager';

/** One tile a feature puts on home. */
export interface HomeEntry {
  testId: string;
  url: string;
  title: MessageKey;
  /** A line under the title. */
  text?: MessageKey;
  /** The tile opens a staff desk: ask for its notifications first. */
  deskConsent?: boolean;
  /** The tile shows how many of the reader's cases are still to rate. */
  pendingCount?: boolean;
}

/** A feature's card on home: its title, a line of text, and the tiles the reader may open. */
export interface HomeCard {
  title: MessageKey;
  testId?: string;
  text?: (t: TFunction) => string;
  entries: HomeEntry[];
}

/**
 * What a feature declares for home (in its own `home-entries.ts`): its card for the reader, or
 * nothing when the reader's role has nothing to open there. Home only lays the cards out.
 */
export type HomeEntries = (me: Me) => HomeCard | undefined;
