import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { RevisitGate } from '../../components/revisit-gate';
import { useLocalized, useRevisitT } from '../../i18n';
import '../../revisit.css';

const isManager = (me: { role: string }) => me.role === 'manager';

/** 年度回访问卷: the open campaigns of the manager's enterprise, to answer or to read back. */
export default function RevisitSurveysPage() {
  const t = useRevisitT();
  return (
    <PageShell titleKey="title.revisitSurveys" rootProps={{ 'data-testid': 'revisit-surveys' }}>
      <PageHead title={t('title.revisitSurveys')} subtitle={t('revisit.surveys.subtitle')} />
      <RevisitGate allowed={isManager}>
        <Surveys />
      </RevisitGate>
    </PageShell>
  );
}

function Surveys() {
  const t = useRevisitT();
  const text = useLocalized();
  const me = useAppStore((s) => s.me)!;
  const surveys = useRevisitStore((s) => s.surveys);
  const load = useRevisitStore((s) => s.loadSurveys);
  useEffect(() => {
    void load();
  }, [load, me.openid]);
  // A show with the list already on screen is a return (this part mounts after the page's first show).
  useDidShow(() => {
    if (useRevisitStore.getState().surveys.status === 'ready') void load();
  });
  const items = surveys.data;
  if (!items) return surveys.status === 'error' ? <ErrorNote error={surveys.error} onRetry={() => void load()} /> : <Loading />;
  return (
    <Card>
      {items.length === 0 ? <Empty text={t('revisit.surveys.empty')} /> : null}
      {items.map((s) => (
        <View key={s.campaignId} className="list-item" data-testid="revisit-survey-row" data-id={s.campaignId} data-answered={s.answered ? 'true' : 'false'}>
          <View className="revisit-row__top">
            <View className="list-item__title">{t('revisit.surveys.year', { year: s.year })}</View>
            <Badge kind={s.answered ? 'ok' : 'warn'}>{t(s.answered ? 'revisit.surveys.answered' : 'revisit.surveys.todo')}</Badge>
          </View>
          <View className="list-item__meta">
            {text(s.form.title)}
            {s.answeredAt ? ` · ${formatDate(s.answeredAt, true)}` : ''}
          </View>
          <View className="list-item__actions">
            <Btn small kind={s.answered ? 'secondary' : 'primary'} onClick={() => void Taro.navigateTo({ url: `/revisit/pages/survey/index?campaignId=${encodeURIComponent(s.campaignId)}` })} testId="revisit-survey-open">
              {t(s.answered ? 'revisit.surveys.view' : 'revisit.surveys.open')}
            </Btn>
          </View>
        </View>
      ))}
    </Card>
  );
}
