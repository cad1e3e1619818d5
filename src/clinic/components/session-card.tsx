import { View } from '@tarojs/components';
import type { SessionView } from '@core/api/clinic';
import { Professions, type Profession } from '@core/api/roles';
import type { PropsWithChildren } from 'react';
import { Badge } from '../../components/ui';
import { useNow } from '../../components/use-now';
import { kindLabel, professionName, sessionDay, timeRange } from '../clinic-labels';
import { useClinicT } from '../i18n';

export interface SessionCardProps {
  session: SessionView;
  /** Free consultation slots per profession (bookers). */
  showFree?: boolean;
  /** Staffed/seats per profession, gaps marked (staff). */
  showStaffing?: boolean;
  /** Only this profession's duties and slots. */
  profession?: Profession;
  onClick?: () => void;
  selected?: boolean;
}

/** One clinic session: date, time, 调休/extra marks, who sits for which profession. */
export function SessionCard({ session: s, showFree, showStaffing, profession, onClick, selected, children }: PropsWithChildren<SessionCardProps>) {
  const t = useClinicT();
  const duties = profession ? s.duties.filter((d) => d.profession === profession) : s.duties;
  const professions = Professions.filter((p) => !profession || p === profession);
  // A session already over is history: dimmed, and its empty seats are no longer a gap to fill.
  const now = useNow();
  const past = Date.parse(s.endsAt) < now;
  const gap = !past && Professions.some((p) => {
    const st = s.staffing[p];
    return st && st.staffed < st.seats;
  });
  const cls = ['clinic-session', onClick ? 'clinic-session--tap' : '', selected ? 'clinic-session--on' : '', s.closed ? 'clinic-session--closed' : '', past ? 'clinic-session--past' : '', showStaffing && gap ? 'clinic-session--gap' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={cls} data-testid="clinic-session-card" data-session={s.id} data-selected={selected ? 'true' : 'false'} onClick={onClick}>
      <View className="clinic-session__head">
        <View className="clinic-session__date">{sessionDay(t, s)}</View>
        <View className="muted">{timeRange(t, s.startsAt, s.endsAt)}</View>
        {s.kind !== 'regular' ? <Badge kind="warn">{kindLabel(t, s.kind)}</Badge> : null}
        {s.closed ? <Badge kind="bad">{t('clinic.closed')}</Badge> : null}
      </View>
      {duties.length ? (
        duties.map((d) => (
          <View key={`${d.profession}-${d.seat}`} className="clinic-duty" data-testid="clinic-duty" data-profession={d.profession}>
            <Badge kind="muted">{professionName(t, d.profession)}</Badge>
            <View className="clinic-duty__name">{d.volunteerName ?? '—'}</View>
            {d.organisation ? <View className="clinic-duty__org">{d.organisation}</View> : null}
          </View>
        ))
      ) : (
        <View className="muted">{t('clinic.noDuty')}</View>
      )}
      {showStaffing ? (
        <View className="clinic-session__meta">
          {professions
            .filter((p) => s.staffing[p])
            .map((p) => {
              const st = s.staffing[p]!;
              return (
                <Badge key={p} kind={st.staffed >= st.seats ? 'ok' : past ? 'muted' : 'bad'}>
                  {t('clinic.staffing', { profession: professionName(t, p), staffed: st.staffed, seats: st.seats })}
                </Badge>
              );
            })}
        </View>
      ) : null}
      {showFree ? (
        <View className="clinic-session__meta">
          {professions
            .filter((p) => s.freeSlots[p] !== undefined)
            .map((p) => (
              <Badge key={p} kind={s.freeSlots[p] ? 'ok' : 'muted'}>
                {t('clinic.freeSlots', { profession: professionName(t, p), n: s.freeSlots[p] ?? 0 })}
              </Badge>
            ))}
        </View>
      ) : null}
      {children}
    </View>
  );
}
