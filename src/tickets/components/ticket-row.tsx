import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TicketSummary } from '@core/api/tickets';
import { Badge } from '../../components/ui';
import { useTicketsT } from '../i18n';
import { caseEnterprise } from '../../labels';
import { useAppStore } from '../../store';
import { categoryLabel, leadUnitLabel, nextDeadlineText, rungLabel, statusKind, statusLabel, urgencyLabel } from '../tickets-labels';

/** One demand in a list: number, title, status chip, rung and the deadline that matters now. */
export function TicketRow({ ticket: s }: { ticket: TicketSummary }) {
  const t = useTicketsT();
  const locale = useAppStore((x) => x.locale);
  return (
    <View
      className="list-item tickets-row"
      hoverClass="btn--hover"
      data-testid="ticket-row"
      data-id={s.id}
      data-status={s.status}
      onClick={() => void Taro.navigateTo({ url: `/tickets/pages/detail/index?id=${encodeURIComponent(s.id)}` })}
    >
      <View className="tickets-row__top">
        <View className="muted">{s.number}</View>
        <Badge kind={statusKind(s.status)}>{statusLabel(t, s.status)}</Badge>
      </View>
      <View className="list-item__title">{s.title}</View>
      <View className="list-item__meta">
        {[categoryLabel(t, s.category), s.urgency !== 'normal' ? urgencyLabel(t, s.urgency) : '', rungLabel(t, s.rung), caseEnterprise(locale, s), leadUnitLabel(locale, s)].filter(Boolean).join(' · ')}
      </View>
      {s.nextDeadline || s.overdue ? (
        <View className={`list-item__meta${s.overdue ? ' tickets-overdue' : ''}`} data-testid="ticket-deadline" data-overdue={s.overdue ? 'true' : 'false'}>
          {nextDeadlineText(t, s)}
          {s.overdue ? <Badge kind="bad">{t('tickets.overdue')}</Badge> : null}
        </View>
      ) : null}
    </View>
  );
}
