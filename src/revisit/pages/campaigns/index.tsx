import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { CampaignView } from '@core/api/revisit';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { CampaignStats } from '../../components/campaign-stats';
import { RevisitGate } from '../../components/revisit-gate';
import { useLocalized, useRevisitT } from '../../i18n';
import { beijingYear, canRun, isStaffSide } from '../../revisit-labels';
import '../../revisit.css';

const openCampaign = (c: CampaignView) => void Taro.navigateTo({ url: `/revisit/pages/campaign/index?id=${encodeURIComponent(c.id)}` });

/** 回访活动: the yearly campaigns with their response, and (staff) launching this year's. */
export default function RevisitCampaignsPage() {
  const t = useRevisitT();
  return (
    <PageShell titleKey="title.revisitCampaigns" rootProps={{ 'data-testid': 'revisit-campaigns' }}>
      <PageHead title={t('title.revisitCampaigns')} subtitle={t('revisit.campaigns.subtitle')} />
      <RevisitGate allowed={isStaffSide}>
        <Campaigns />
      </RevisitGate>
    </PageShell>
  );
}

function Campaigns() {
  const t = useRevisitT();
  const text = useLocalized();
  const me = useAppStore((s) => s.me)!;
  const campaigns = useRevisitStore((s) => s.campaigns);
  const load = useRevisitStore((s) => s.loadCampaigns);
  useEffect(() => {
    void load();
  }, [load, me.openid]);
  const items = campaigns.data;
  return (
    <View className="revisit-cols">
      <View className="revisit-col revisit-col--wide">
        <Card testId="revisit-campaign-list">
          {!items ? campaigns.status === 'error' ? <ErrorNote error={campaigns.error} onRetry={() => void load()} /> : <Loading /> : null}
          {items && items.length === 0 ? <Empty text={t('revisit.campaigns.empty')} /> : null}
          {(items ?? []).map((c) => (
            <View key={c.id} className="list-item revisit-row" hoverClass="btn--hover" onClick={() => openCampaign(c)} data-testid="revisit-campaign-row" data-id={c.id} data-year={c.year}>
              <View className="revisit-row__top">
                <View className="list-item__title">{t('revisit.surveys.year', { year: c.year })}</View>
                <Badge kind={c.status === 'open' ? 'ok' : 'muted'}>{t(`revisit.campaign.status.${c.status}`)}</Badge>
              </View>
              <View className="list-item__meta">
                {text(c.title)} · {t('revisit.campaign.version', { version: c.formVersion })} · {t('revisit.campaign.launchedAt', { at: formatDate(c.launchedAt) })}
              </View>
              <View style={{ marginTop: '12px' }}>
                <CampaignStats c={c} />
              </View>
            </View>
          ))}
        </Card>
      </View>
      <View className="revisit-col revisit-col--narrow">{canRun(me) ? <Launch /> : <Card><View className="card__text">{t('revisit.campaigns.readOnly')}</View></Card>}</View>
    </View>
  );
}

function Launch() {
  const t = useRevisitT();
  const text = useLocalized();
  const forms = useRevisitStore((s) => s.forms);
  const loadForms = useRevisitStore((s) => s.loadForms);
  const launch = useRevisitStore((s) => s.launchCampaign);
  const [year, setYear] = useState(String(beijingYear()));
  const [formId, setFormId] = useState<string>();
  const { busy, error, run } = useWrite();
  const [done, setDone] = useState<CampaignView>();
  const intent = { year, formId };
  useEffect(() => {
    void loadForms();
  }, [loadForms]);
  // The first form is chosen until the user picks one.
  if (!formId && forms.data?.length) setFormId(forms.data[0].id);

  const submit = async () => {
    if (!formId) return;
    setDone(undefined);
    await run(intent, async (key) => {
      setDone(await launch(Number(year), formId, key));
    });
  };

  return (
    <Card title={t('revisit.campaigns.launch')} testId="revisit-launch">
      <FieldFrame label={t('revisit.campaigns.year')} required>
        <Input className="field__input" type="number" value={year} maxlength={4} onInput={(e) => setYear(e.detail.value.replace(/\D/g, ''))} data-testid="revisit-launch-year" />
      </FieldFrame>
      <FieldFrame label={t('revisit.campaigns.form')} required>
        {forms.data && forms.data.length === 0 ? <View className="muted">{t('revisit.campaigns.noForms')}</View> : null}
        <Chips
          options={(forms.data ?? []).map((f) => ({ value: f.id, label: `${text(f.title)} · v${f.version}`, testId: `revisit-launch-form-${f.id}` }))}
          value={formId}
          onChange={setFormId}
        />
      </FieldFrame>
      <ErrorNote error={error} />
      {done ? (
        <View className="success-note" data-testid="revisit-launch-done">
          {t('revisit.campaigns.launched', { year: done.year, n: done.targets })}
        </View>
      ) : null}
      <Btn busy={busy} disabled={!formId || year.length !== 4} onClick={() => void submit()} testId="revisit-launch-submit">
        {t('revisit.campaigns.launch')}
      </Btn>
    </Card>
  );
}
