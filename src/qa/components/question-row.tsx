import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { QuestionSummary } from '@core/api/qa';
import { Badge } from '../../components/ui';
import { useQaT } from '../i18n';
import { caseEnterprise, formatDate } from '../../labels';
import { useAppStore } from '../../store';
import { categoryLabel, holderLabel, statusKind, statusLabel } from '../qa-labels';

/** One question in a list: title, status, category, due time, overdue flag. Without showAsker the reader is the asker (their own words for the state). */
export function QuestionRow({ q, showAsker }: { q: QuestionSummary; showAsker?: boolean }) {
  const asker = !showAsker;
  const t = useQaT();
  const locale = useAppStore((s) => s.locale);
  return (
    <View
      className={`list-item qa-row${q.overdue ? ' qa-row--overdue' : ''}`}
      hoverClass="btn--hover"
      onClick={() => void Taro.navigateTo({ url: `/qa/pages/detail/index?id=${encodeURIComponent(q.id)}` })}
      data-testid="qa-row"
      data-id={q.id}
      data-status={q.status}
      data-overdue={q.overdue ? 'true' : 'false'}
    >
      <View className="list-item__title">{q.title}</View>
      <View className="qa-row__badges">
        <Badge kind={statusKind(q.status)}>{statusLabel(t, q.status, asker)}</Badge>
        <Badge kind="muted">{categoryLabel(t, q.category)}</Badge>
        {q.overdue ? <Badge kind="bad">{t('qa.overdue')}</Badge> : null}
      </View>
      <View className="list-item__meta">
        {t('qa.askedAt', { at: formatDate(q.createdAt, true) })}
        {q.dueAt ? ` · ${t('qa.dueAt', { at: formatDate(q.dueAt, true) })}` : ''}
        {q.messageCount ? ` · ${t('qa.messages', { n: q.messageCount })}` : ''}
      </View>
      {showAsker && (q.askerName || q.enterpriseName || q.anonymous) ? (
        <View className="list-item__meta">{t('qa.askedBy', { who: q.anonymous && !q.askerName ? t('qa.anonymous') : [q.askerName, caseEnterprise(locale, q)].filter(Boolean).join(' · ') })}</View>
      ) : null}
      {q.claimedByName ? <View className="list-item__meta">{holderLabel(t, q.claimedByName, asker)}</View> : null}
      {q.calendarMissingYears?.length ? (
        <View className="list-item__meta qa-calendar-note" data-testid="qa-calendar-note">
          {t('qa.calendarMissing', { years: q.calendarMissingYears.join('、') })}
        </View>
      ) : null}
    </View>
  );
}
