import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { VisitView } from '@core/api/console';
import { Badge } from '../../components/ui';
import { useConsoleT } from '../i18n';

/** One visit in a list: date, enterprise, who was met, topics and how many problems are still open. */
export function VisitRow({ v, showEnterprise = true }: { v: VisitView; showEnterprise?: boolean }) {
  const t = useConsoleT();
  const open = v.problems.filter((p) => p.status === 'open').length;
  return (
    <View className="list-item console-row" hoverClass="btn--hover" onClick={() => void Taro.navigateTo({ url: `/staff/pages/visit/index?id=${encodeURIComponent(v.id)}` })} data-testid={`visit-${v.id}`}>
      <View className="console-row__top">
        <View className="list-item__title">{showEnterprise ? `${v.date} · ${v.enterpriseName}` : v.date}</View>
        {v.problems.length ? <Badge kind={open ? 'warn' : 'ok'}>{t('console.visits.problems', { n: v.problems.length })}</Badge> : null}
      </View>
      <View className="list-item__meta">
        {t('console.visit.met')}: {v.met}
      </View>
      {v.topics.length ? <View className="list-item__meta">{v.topics.join('、')}</View> : null}
      {v.visitorName ? <View className="list-item__meta">{t('console.visits.by', { name: v.visitorName })}</View> : null}
    </View>
  );
}
