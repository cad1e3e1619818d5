import { View } from '@tarojs/components';
import type { CampaignView } from '@core/api/revisit';
import { useRevisitT } from '../i18n';
import { pct, score } from '../revisit-labels';

/** A campaign's figures as big numbers: targets, responded, response rate, average, satisfied. */
export function CampaignStats({ c }: { c: CampaignView }) {
  const t = useRevisitT();
  const stats: Array<[string, string, string]> = [
    ['targets', t('revisit.fig.targets'), String(c.targets)],
    ['responded', t('revisit.fig.responded'), String(c.responded)],
    ['responseRate', t('revisit.fig.responseRate'), pct(c.responseRate)],
    ['average', t('revisit.fig.average'), score(c.averageScore)],
    ['satisfaction', t('revisit.fig.satisfaction'), pct(c.satisfactionRate)],
  ];
  return (
    <View className="revisit-stats" data-testid="revisit-campaign-stats">
      {stats.map(([k, label, value]) => (
        <View key={k} className="revisit-stat" data-testid={`revisit-stat-${k}`} data-value={value}>
          <View className="revisit-stat__value">{value}</View>
          <View className="revisit-stat__label">{label}</View>
        </View>
      ))}
    </View>
  );
}
