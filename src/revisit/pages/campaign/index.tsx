import { Input, Picker, View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { CampaignTargetView, CampaignView } from '@core/api/revisit';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useIntentKey } from '../../../components/use-intent-key';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useRevisitStore, type TargetFilter } from '../../../store/revisit';
import { formKey } from '../../../store/revisit/revisit-forms.slice';
import { CampaignStats } from '../../components/campaign-stats';
import { RevisitGate } from '../../components/revisit-gate';
import { SurveyQuestions } from '../../components/survey-questions';
import { useLocalized, useRevisitT } from '../../i18n';
import { canRun, isStaffSide, score } from '../../revisit-labels';
import { checkAnswers, draftsOf, type AnswerProblem, type Drafts } from '../../survey-answers';
import '../../revisit.css';

/** 回访详情: a campaign's figures, its targets (filtered), 催办 and 代填. */
export default function RevisitCampaignPage() {
  const t = useRevisitT();
  const text = useLocalized();
  const [id, setId] = useState<string>();
  useLoad((q) => setId(q?.id ? decodeURIComponent(q.id) : ''));
  const campaign = useRevisitStore((s) => s.campaign);
  const c = campaign.key === id ? campaign.data : undefined;
  return (
    <PageShell titleKey="title.revisitCampaign" rootProps={{ 'data-testid': 'revisit-campaign', 'data-status': c?.status, 'data-responded': c ? String(c.responded) : undefined }}>
      <PageHead title={c ? t('revisit.surveys.year', { year: c.year }) : t('title.revisitCampaign')} subtitle={c ? `${text(c.title)} · ${t('revisit.campaign.version', { version: c.formVersion })}` : undefined} />
      <RevisitGate allowed={isStaffSide}>{id ? <Campaign id={id} /> : id === '' ? <ErrorNote error={toApiError(new Error('no id'))} /> : <Loading />}</RevisitGate>
    </PageShell>
  );
}

function Campaign({ id }: { id: string }) {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me)!;
  const campaign = useRevisitStore((s) => s.campaign);
  const load = useRevisitStore((s) => s.loadCampaign);
  const close = useRevisitStore((s) => s.closeCampaign);
  const [recording, setRecording] = useState<CampaignTargetView>();
  const [error, setError] = useState<ApiError>();
  const closeKey = useIntentKey({ close: id });
  useEffect(() => {
    void load(id);
  }, [load, id, me.openid]);
  const c = campaign.key === id ? campaign.data : undefined;
  if (!c) return campaign.status === 'error' ? <ErrorNote error={campaign.error} onRetry={() => void load(id)} /> : <Loading />;
  const running = canRun(me) && c.status === 'open';

  const closeIt = async () => {
    const r = await Taro.showModal({ content: t('revisit.campaign.closeConfirm'), confirmText: t('common.confirm'), cancelText: t('revisit.record.cancel') }).catch(() => ({ confirm: false }));
    if (!r.confirm) return;
    setError(undefined);
    try {
      await close(c.id, closeKey);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <>
      <Card testId="revisit-campaign-figures">
        <CampaignStats c={c} />
        <View className="list-item__meta" style={{ marginTop: '12px' }}>
          {t('revisit.campaign.launchedAt', { at: formatDate(c.launchedAt, true) })} · <Badge kind={c.status === 'open' ? 'ok' : 'muted'}>{t(`revisit.campaign.status.${c.status}`)}</Badge>
        </View>
        <ErrorNote error={error} />
        {c.status === 'closed' ? <View className="muted" data-testid="revisit-campaign-closed">{t('revisit.campaign.closed')}</View> : null}
        {running ? (
          <View className="list-item__actions">
            <Btn small kind="ghost" onClick={() => void closeIt()} testId="revisit-campaign-close">
              {t('revisit.campaign.close')}
            </Btn>
          </View>
        ) : null}
      </Card>
      <View className="revisit-cols">
        <View className="revisit-col revisit-col--wide">
          <Targets c={c} running={running} onRecord={setRecording} recording={recording} />
          <Responses c={c} />
        </View>
        {recording ? (
          <View className="revisit-col revisit-col--narrow">
            <RecordForm key={recording.enterpriseId} c={c} target={recording} onDone={() => setRecording(undefined)} />
          </View>
        ) : null}
      </View>
    </>
  );
}

function Targets({ c, running, onRecord, recording }: { c: CampaignView; running: boolean; onRecord: (t: CampaignTargetView) => void; recording?: CampaignTargetView }) {
  const t = useRevisitT();
  const targets = useRevisitStore((s) => s.targets);
  const filter = useRevisitStore((s) => s.targetFilter);
  const load = useRevisitStore((s) => s.loadTargets);
  const loadMore = useRevisitStore((s) => s.loadMoreTargets);
  const remind = useRevisitStore((s) => s.remind);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<'all' | 'selected'>();
  const [result, setResult] = useState<{ sent: number; skipped: number }>();
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);
  const allKey = useIntentKey({ remind: c.id, all: true }, round);
  const selectedKey = useIntentKey({ remind: c.id, selected }, round);
  // Another campaign starts unfiltered; the same one again keeps the filter it had then.
  useEffect(() => {
    const { targetsOf, targetFilter } = useRevisitStore.getState();
    void load(c.id, targetsOf === c.id ? targetFilter : undefined);
  }, [load, c.id]);

  const send = async (which: 'all' | 'selected') => {
    setBusy(which);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await remind(c.id, which === 'all' ? undefined : selected, which === 'all' ? allKey : selectedKey));
      setSelected([]);
      setRound((r) => r + 1);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const filterValue = filter ?? 'all';

  return (
    <Card title={t('revisit.campaign.targets')} testId="revisit-targets">
      <Chips<'all' | 'pending' | 'answered'>
        options={(['all', 'pending', 'answered'] as const).map((f) => ({ value: f, label: t(`revisit.campaign.filter.${f}`) }))}
        value={filterValue}
        onChange={(f) => void load(c.id, f === 'all' ? undefined : (f as TargetFilter))}
        testIdPrefix="revisit-targets-filter"
      />
      {running ? (
        <View className="revisit-actions" style={{ marginTop: '16px', marginBottom: '8px' }}>
          <Btn small kind="secondary" busy={busy === 'all'} disabled={!!busy} onClick={() => void send('all')} testId="revisit-remind-all">
            {t('revisit.remind.all')}
          </Btn>
          <Btn small kind="secondary" busy={busy === 'selected'} disabled={!!busy || selected.length === 0} onClick={() => void send('selected')} testId="revisit-remind-selected">
            {t('revisit.remind.selected', { n: selected.length })}
          </Btn>
        </View>
      ) : null}
      {result ? (
        <View className="success-note" data-testid="revisit-remind-result" data-sent={result.sent} data-skipped={result.skipped}>
          {t('revisit.remind.result', result)}
        </View>
      ) : null}
      <ErrorNote error={error} />
      {targets.status === 'loading' ? <Loading /> : null}
      <ErrorNote error={targets.error} onRetry={() => void load(c.id, filter)} />
      {targets.status === 'ready' && targets.items.length === 0 ? <Empty text={t('revisit.targets.empty')} /> : null}
      {targets.status !== 'loading'
        ? targets.items.map((x) => (
            <View key={x.enterpriseId} className="list-item" data-testid="revisit-target" data-id={x.enterpriseId} data-status={x.status}>
              <View className="revisit-row__top">
                <View className="list-item__title">{x.enterpriseName}</View>
                <Badge kind={x.status === 'answered' ? 'ok' : 'warn'}>{t(`revisit.campaign.filter.${x.status}`)}</Badge>
              </View>
              <View className="list-item__meta">{t('revisit.target.served', x.served)}</View>
              {x.status === 'answered' ? (
                <View className="list-item__meta">
                  {[x.via ? t(`revisit.target.via.${x.via}`) : '', x.answeredAt ? formatDate(x.answeredAt, true) : '', x.score !== undefined ? t('revisit.target.score', { score: score(x.score) }) : ''].filter(Boolean).join(' · ')}
                  {x.followUpId ? <Badge kind="bad">{t('revisit.target.followUp')}</Badge> : null}
                </View>
              ) : null}
              {x.recordedByName ? <View className="list-item__meta">{t('revisit.target.recordedBy', { name: x.recordedByName, contact: x.contactName ?? '' })}</View> : null}
              {x.reminders > 0 ? <View className="list-item__meta">{t('revisit.target.reminded', { n: x.reminders, at: formatDate(x.lastRemindedAt, true) })}</View> : null}
              {running && x.status === 'pending' ? (
                <View className="list-item__actions revisit-actions">
                  <View
                    className={`chip${selected.includes(x.enterpriseId) ? ' chip--on' : ''}`}
                    onClick={() => toggle(x.enterpriseId)}
                    data-testid="revisit-target-select"
                    data-selected={selected.includes(x.enterpriseId) ? 'true' : 'false'}
                    role="checkbox"
                    aria-checked={selected.includes(x.enterpriseId) ? 'true' : 'false'}
                  >
                    {selected.includes(x.enterpriseId) ? '✓ ' : ''}
                    {t('revisit.remind.select')}
                  </View>
                  <Btn small kind={recording?.enterpriseId === x.enterpriseId ? 'primary' : 'secondary'} onClick={() => onRecord(x)} testId="revisit-target-record">
                    {t('revisit.record.action')}
                  </Btn>
                </View>
              ) : null}
            </View>
          ))
        : null}
      <LoadMore hasMore={!!targets.nextCursor && targets.status === 'ready'} loading={targets.loadingMore} onMore={() => void loadMore()} />
    </Card>
  );
}

/** 答卷: each answer of the campaign, opened one at a time, read-only in the reader's language. */
function Responses({ c }: { c: CampaignView }) {
  const t = useRevisitT();
  const responses = useRevisitStore((s) => s.responses);
  const load = useRevisitStore((s) => s.loadResponses);
  const loadMore = useRevisitStore((s) => s.loadMoreResponses);
  const form = useRevisitStore((s) => s.form);
  const loadForm = useRevisitStore((s) => s.loadForm);
  const [open, setOpen] = useState<string>();
  const key = formKey(c.formId, c.formVersion);
  useEffect(() => {
    void load(c.id);
  }, [load, c.id]);
  const show = (id: string) => {
    setOpen(open === id ? undefined : id);
    if (form.key !== key) void loadForm(c.formId, c.formVersion);
  };
  const f = form.key === key ? form.data : undefined;
  return (
    <Card title={t('revisit.responses.title')} testId="revisit-responses">
      {responses.status === 'loading' && !responses.items.length ? <Loading /> : null}
      <ErrorNote error={responses.error} onRetry={() => void load(c.id)} />
      {responses.status === 'ready' && responses.items.length === 0 ? <Empty text={t('revisit.responses.empty')} /> : null}
      {responses.items.map((r) => (
        <View key={r.id} className="list-item" data-testid="revisit-response" data-id={r.enterpriseId}>
          <View className="list-item__row">
            <View style={{ minWidth: 0 }}>
              <View className="list-item__title">{r.enterpriseName}</View>
              <View className="list-item__meta">
                {[t(`revisit.target.via.${r.via}`), formatDate(r.at, true), r.score !== undefined ? t('revisit.target.score', { score: score(r.score) }) : ''].filter(Boolean).join(' · ')}
              </View>
            </View>
            <Btn small kind="ghost" onClick={() => show(r.id)} testId="revisit-response-toggle">
              {t(open === r.id ? 'revisit.responses.hide' : 'revisit.responses.show')}
            </Btn>
          </View>
          {open === r.id ? f ? <SurveyQuestions form={f} drafts={draftsOf(r.answers)} /> : <Loading /> : null}
        </View>
      ))}
      <LoadMore hasMore={!!responses.nextCursor && responses.status === 'ready'} loading={responses.loadingMore} onMore={() => void loadMore()} />
    </Card>
  );
}

/** Now in Beijing as the record form's default date and time. */
function beijingNow(): { date: string; time: string } {
  const d = new Date(Date.now() + 8 * 3_600_000).toISOString();
  return { date: d.slice(0, 10), time: d.slice(11, 16) };
}

function RecordForm({ c, target, onDone }: { c: CampaignView; target: CampaignTargetView; onDone: () => void }) {
  const t = useRevisitT();
  const form = useRevisitStore((s) => s.form);
  const loadForm = useRevisitStore((s) => s.loadForm);
  const record = useRevisitStore((s) => s.recordRevisit);
  const [via, setVia] = useState<'phone' | 'onsite'>('phone');
  const [contact, setContact] = useState('');
  const [when, setWhen] = useState(beijingNow);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [problems, setProblems] = useState<Record<string, AnswerProblem>>({});
  const [contactMissing, setContactMissing] = useState(false);
  const { busy, error, run } = useWrite();
  const [saved, setSaved] = useState(false);
  const key = formKey(c.formId, c.formVersion);
  useEffect(() => {
    void loadForm(c.formId, c.formVersion);
  }, [loadForm, c.formId, c.formVersion]);
  const f = form.key === key ? form.data : undefined;
  const checked = f ? checkAnswers(f, drafts) : undefined;
  const at = new Date(`${when.date}T${when.time}:00+08:00`).toISOString();
  const input = { campaignId: c.id, enterpriseId: target.enterpriseId, via, contactName: contact.trim(), at, answers: checked?.answers ?? [] };

  const submit = async () => {
    if (!checked) return;
    const bad = Object.keys(checked.problems).length > 0;
    setProblems(checked.problems);
    setContactMissing(!contact.trim());
    if (bad || !contact.trim()) return;
    await run(input, async (key) => {
      await record(input, key);
      setSaved(true);
    });
  };

  if (saved) {
    return (
      <Card testId="revisit-record-saved">
        <View className="success-note">{t('revisit.record.saved', { name: target.enterpriseName })}</View>
        <Btn kind="secondary" onClick={onDone} testId="revisit-record-close">
          {t('revisit.rate.back')}
        </Btn>
      </Card>
    );
  }
  return (
    <Card title={t('revisit.record.title', { name: target.enterpriseName })} testId="revisit-record-form">
      <FieldFrame label={t('revisit.record.via')} required>
        <Chips<'phone' | 'onsite'> options={(['phone', 'onsite'] as const).map((v) => ({ value: v, label: t(`revisit.target.via.${v}`) }))} value={via} onChange={setVia} testIdPrefix="revisit-record-via" />
      </FieldFrame>
      <FieldFrame label={t('revisit.record.contact')} required error={contactMissing ? t('revisit.record.contactMissing') : undefined}>
        <Input className="field__input" value={contact} maxlength={40} onInput={(e) => setContact(e.detail.value)} data-testid="revisit-record-contact" />
      </FieldFrame>
      <View className="revisit-grid">
        <FieldFrame label={t('revisit.record.date')} required>
          <Picker mode="date" value={when.date} onChange={(e) => setWhen((w) => ({ ...w, date: String(e.detail.value) }))}>
            <View className="picker-value" data-testid="revisit-record-date">
              {when.date}
            </View>
          </Picker>
        </FieldFrame>
        <FieldFrame label={t('revisit.record.time')} required>
          <Picker mode="time" value={when.time} onChange={(e) => setWhen((w) => ({ ...w, time: String(e.detail.value) }))}>
            <View className="picker-value" data-testid="revisit-record-time">
              {when.time}
            </View>
          </Picker>
        </FieldFrame>
      </View>
      {f ? (
        <SurveyQuestions form={f} drafts={drafts} problems={problems} onChange={(id, d) => setDrafts((all) => ({ ...all, [id]: d }))} />
      ) : form.status === 'error' ? (
        <ErrorNote error={form.error} onRetry={() => void loadForm(c.formId, c.formVersion)} />
      ) : (
        <Loading />
      )}
      <ErrorNote error={error} />
      <View className="btn-row" style={{ marginTop: '16px' }}>
        <Btn kind="ghost" onClick={onDone} testId="revisit-record-cancel">
          {t('revisit.record.cancel')}
        </Btn>
        <Btn busy={busy} disabled={!f} onClick={() => void submit()} testId="revisit-record-save">
          {t('revisit.record.save')}
        </Btn>
      </View>
    </Card>
  );
}
