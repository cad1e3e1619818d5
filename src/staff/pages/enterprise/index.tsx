import { StaffRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Enterprise } from '@core/api/admin';
import type { EnterpriseOverview, EnterpriseTimelineItem } from '@core/api/console';
import { isValidCreditCode, normalizeCreditCode } from '@core/rules/credit-code';
import { isMainlandMobile } from '@core/rules/privacy';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { enterpriseName, formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { timelineStatusLabel, timelineUrl } from '../../console-labels';
import { useConsoleT, type ConsoleMessageKey } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';


const splitWorkshops = (text: string) =>
  text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function EditEnterprise({ e, onDone }: { e: Enterprise; onDone: () => void }) {
  const t = useConsoleT();
  const update = useConsoleStore((s) => s.updateEnterprise);
  const [form, setForm] = useState({
    name: e.name,
    nameEn: e.nameEn ?? '',
    creditCode: e.creditCode,
    address: e.address ?? '',
    contactName: e.contactName ?? '',
    contactPhone: e.contactPhone ?? '',
    workshops: e.workshops.join('、'),
  });
  const instructors = useConsoleStore((s) => s.instructors);
  const [instructor, setInstructor] = useState(e.instructorOpenid ?? '');
  const { busy, error, run } = useWrite();
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const code = normalizeCreditCode(form.creditCode);
  const phone = form.contactPhone.replace(/\s+/g, '');
  // Only what changed goes to the server (a masked phone read back is not sent unless retyped).
  const input: Parameters<typeof update>[0] = { id: e.id };
  if (form.name.trim() !== e.name) input.name = form.name.trim();
  if (form.nameEn.trim() !== (e.nameEn ?? '')) input.nameEn = form.nameEn.trim();
  if (code !== e.creditCode) input.creditCode = code;
  if (form.address.trim() !== (e.address ?? '')) input.address = form.address.trim();
  if (form.contactName.trim() !== (e.contactName ?? '')) input.contactName = form.contactName.trim();
  if (phone !== (e.contactPhone ?? '')) input.contactPhone = phone;
  if (splitWorkshops(form.workshops).join('|') !== e.workshops.join('|')) input.workshops = splitWorkshops(form.workshops);
  if (instructor !== (e.instructorOpenid ?? '')) input.instructorOpenid = instructor;
  const codeError = !isValidCreditCode(code) ? t('enterprise.creditCode.invalid') : undefined;
  const phoneError = input.contactPhone && !isMainlandMobile(phone) ? t('form.phone.invalid') : undefined;
  const valid = !!form.name.trim() && !codeError && !phoneError;

  const save = async () => {
    if (!valid) return;
    if (Object.keys(input).length === 1) return onDone();
    await run(input, async (key) => {
      await update(input, key);
      onDone();
    });
  };

  return (
    <View data-testid="enterprise-edit">
      <Field label={t('enterprise.name')} value={form.name} onInput={set('name')} required maxlength={60} error={!form.name.trim() ? t('form.required') : undefined} testId="ent-name" />
      <Field label={t('enterprise.nameEn')} value={form.nameEn} onInput={set('nameEn')} maxlength={100} testId="ent-name-en" />
      <Field label={t('enterprise.creditCode')} value={form.creditCode} onInput={set('creditCode')} required maxlength={22} error={codeError} hint={t('enterprise.creditCode.hint')} testId="ent-credit-code" />
      <Field label={t('enterprise.address')} value={form.address} onInput={set('address')} maxlength={120} testId="ent-address" />
      <Field label={t('enterprise.contactName')} value={form.contactName} onInput={set('contactName')} maxlength={30} testId="ent-contact-name" />
      <Field label={t('enterprise.contactPhone')} value={form.contactPhone} onInput={set('contactPhone')} maxlength={13} error={phoneError} testId="ent-contact-phone" />
      <Field label={t('enterprise.workshops')} value={form.workshops} onInput={set('workshops')} hint={t('enterprise.workshops.hint')} maxlength={600} testId="ent-workshops" />
      <FieldFrame label={t('console.enterprise.instructor')} hint={t('console.enterprise.instructorHint')}>
        <Chips
          options={[{ value: '', label: t('console.enterprise.noInstructor') }, ...(instructors.data ?? []).map((u) => ({ value: u.openid, label: u.name ?? u.openid }))]}
          value={instructor}
          onChange={setInstructor}
          testIdPrefix="ent-instructor"
        />
      </FieldFrame>
      <ErrorNote error={error} />
      <View className="btn-row">
        <Btn busy={busy} disabled={!valid} onClick={() => void save()} testId="ent-save">
          {t('common.save')}
        </Btn>
        <Btn kind="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Btn>
      </View>
    </View>
  );
}

function MasterData({ o }: { o: EnterpriseOverview }) {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const [editing, setEditing] = useState(false);
  const instructors = useConsoleStore((s) => s.instructors);
  const loadInstructors = useConsoleStore((s) => s.loadInstructors);
  const e = o.enterprise;
  const canEdit = me?.role === 'staff' || me?.role === 'admin';
  useEffect(() => {
    if (canEdit && useConsoleStore.getState().instructors.status === 'idle') void loadInstructors();
  }, [canEdit, loadInstructors]);
  const row = (k: Parameters<typeof t>[0], v?: string) => (
    <View className="list-item__meta">
      {t(k)}: {v || t('common.none')}
    </View>
  );
  return (
    <Card title={t('console.enterprise.profile')} testId="enterprise-master">
      {editing ? (
        <EditEnterprise e={e} onDone={() => setEditing(false)} />
      ) : (
        <>
          <View className="list-item__title" data-testid="ent-shown-name">
            {locale === 'en' && e.nameEn ? e.nameEn : e.name}
          </View>
          {e.nameEn ? <View className="list-item__meta">{locale === 'en' ? e.name : e.nameEn}</View> : null}
          {row('enterprise.creditCode', e.creditCode)}
          {row('enterprise.address', e.address)}
          {row('enterprise.contact', [e.contactName, e.contactPhone].filter(Boolean).join(' · '))}
          {row('enterprise.workshops', e.workshops.join('、'))}
          {row('console.enterprise.instructor', e.instructorOpenid ? (instructors.data?.find((u) => u.openid === e.instructorOpenid)?.name ?? e.instructorOpenid) : t('console.enterprise.noInstructor'))}
          {canEdit ? (
            <View style={{ marginTop: '12px' }}>
              <Btn small kind="secondary" onClick={() => setEditing(true)} testId="ent-edit">
                {t('console.enterprise.edit')}
              </Btn>
            </View>
          ) : null}
        </>
      )}
    </Card>
  );
}

function TimelineItem({ item }: { item: EnterpriseTimelineItem }) {
  const t = useConsoleT();
  const url = timelineUrl(item);
  const status = timelineStatusLabel(t, item);
  return (
    <View
      className={`console-timeline__item${url ? ' console-timeline__item--link' : ''}`}
      onClick={url ? () => void Taro.navigateTo({ url }) : undefined}
      data-testid={`timeline-${item.kind}`}
      data-id={item.id}
    >
      <View>
        <View className="console-kind">{t(`console.kind.${item.kind}` as ConsoleMessageKey)}</View>
        <View style={{ display: 'inline' }} className={url ? 'console-link' : undefined}>
          {item.title}
        </View>
      </View>
      <View className="list-item__meta">
        {formatDate(item.at, true)}
        {status ? <Badge>{status}</Badge> : null}
        {item.score !== undefined ? <Badge>{t('console.score', { score: item.score })}</Badge> : null}
      </View>
    </View>
  );
}

/** 企业档案: master data (staff edit it) and the enterprise's whole service history on one timeline. */
export default function EnterprisePage() {
  const t = useConsoleT();
  const router = useRouter();
  const id = router.params.id ?? '';
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const overview = useConsoleStore((s) => s.overview);
  const load = useConsoleStore((s) => s.loadOverview);
  const loadMore = useConsoleStore((s) => s.loadMoreOverview);
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed && id) void load(id);
  }, [allowed, load, id]);

  const o = overview.key === id ? overview.data : undefined;
  const counts = o?.counts;
  /** A count that reached the server's cap (a page, 30) shows as "30+". */
  const shown = (k: keyof NonNullable<typeof counts>) => (counts ? `${counts[k]}${o?.countsCapped?.includes(k) ? '+' : ''}` : '');
  return (
    <PageShell titleKey="title.enterprise" rootProps={{ 'data-testid': 'staff-enterprise' }}>
      <PageHead title={o ? (enterpriseName(locale, o.enterprise) ?? o.enterprise.name) : t('staffNav.enterprises')} subtitle={t('console.enterprise.subtitle')} />
      <StaffGate roles={StaffRoles}>
        {overview.status === 'loading' && !o ? <Loading /> : null}
        <ErrorNote error={overview.status === 'error' ? overview.error : undefined} onRetry={() => void load(id)} />
        {o && counts ? (
          <View className="console-split">
            <View>
              <MasterData o={o} />
              <Card testId="enterprise-counts">
                <View className="console-stats">
                  {(['visits', 'questions', 'consultations', 'tickets', 'evaluations'] as const).map((k) => (
                    <View key={k} className="console-stat" data-testid={`count-${k}`} data-value={shown(k)}>
                      <View className="console-stat__value">{shown(k)}</View>
                      <View className="console-stat__label">{t(`console.count.${k}`)}</View>
                    </View>
                  ))}
                </View>
                {counts.openTickets ? <View className="console-figure">{t('console.enterprise.open', { n: shown('openTickets') })}</View> : null}
                <View className="btn-row" style={{ marginTop: '12px' }}>
                  <Btn small kind="secondary" onClick={() => void Taro.navigateTo({ url: `/staff/pages/visit-new/index?enterpriseId=${encodeURIComponent(o.enterprise.id)}` })} testId="enterprise-new-visit">
                    {t('console.visits.new')}
                  </Btn>
                </View>
              </Card>
            </View>
            <Card title={t('console.enterprise.history')} testId="enterprise-timeline">
              {o.timeline.length === 0 ? <Empty text={t('console.enterprise.emptyHistory')} /> : null}
              {o.timeline.map((item) => (
                <TimelineItem key={`${item.kind}-${item.id}`} item={item} />
              ))}
              <ErrorNote error={overview.status !== 'error' ? overview.error : undefined} />
              <LoadMore hasMore={!!o.nextCursor} loading={overview.loadingMore} onMore={() => void loadMore()} />
            </Card>
          </View>
        ) : null}
      </StaffGate>
    </PageShell>
  );
}
