import { StaffRoles } from '@core/api/roles';
import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Enterprise } from '@core/api/admin';
import { isValidCreditCode, normalizeCreditCode } from '@core/rules/credit-code';
import { isMainlandMobile } from '@core/rules/privacy';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useT } from '../../../i18n';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useAdminStore } from '../../../store/admin';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';


function splitWorkshops(text: string): string[] {
  return text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function CreateEnterprise({ onDone }: { onDone: () => void }) {
  const t = useT();
  const createEnterprise = useAdminStore((s) => s.createEnterprise);
  const [form, setForm] = useState({ name: '', nameEn: '', creditCode: '', address: '', contactName: '', contactPhone: '', workshops: '' });
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useWrite();
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  const code = normalizeCreditCode(form.creditCode);
  const phone = form.contactPhone.replace(/\s+/g, '');
  const input = {
    name: form.name.trim(),
    creditCode: code,
    ...(form.nameEn.trim() ? { nameEn: form.nameEn.trim() } : {}),
    ...(form.address.trim() ? { address: form.address.trim() } : {}),
    ...(form.contactName.trim() ? { contactName: form.contactName.trim() } : {}),
    ...(phone ? { contactPhone: phone } : {}),
    ...(splitWorkshops(form.workshops).length ? { workshops: splitWorkshops(form.workshops) } : {}),
  };
  const codeError = code.length > 0 && (code.length >= 18 || tried) && !isValidCreditCode(code) ? t('enterprise.creditCode.invalid') : undefined;
  const valid = !!input.name && isValidCreditCode(code) && (!phone || isMainlandMobile(phone));

  const submit = async () => {
    setTried(true);
    if (!valid) return;
    await run(input, async (key) => {
      await createEnterprise(input, key);
      onDone();
    });
  };

  return (
    <Card title={t('enterprise.create')} testId="enterprise-create">
      <Field label={t('enterprise.name')} value={form.name} onInput={set('name')} required maxlength={60} error={tried && !input.name ? t('form.required') : undefined} testId="enterprise-name" />
      <Field label={t('enterprise.nameEn')} value={form.nameEn} onInput={set('nameEn')} maxlength={100} testId="enterprise-name-en" />
      <Field
        label={t('enterprise.creditCode')}
        value={form.creditCode}
        onInput={set('creditCode')}
        required
        maxlength={22}
        error={codeError ?? (tried && !code ? t('form.required') : undefined)}
        hint={code && isValidCreditCode(code) ? t('enterprise.creditCode.ok') : t('enterprise.creditCode.hint')}
        testId="enterprise-credit-code"
      />
      <Field label={t('enterprise.address')} value={form.address} onInput={set('address')} maxlength={120} testId="enterprise-address" />
      <Field label={t('enterprise.contactName')} value={form.contactName} onInput={set('contactName')} maxlength={30} testId="enterprise-contact-name" />
      <Field
        label={t('enterprise.contactPhone')}
        value={form.contactPhone}
        onInput={set('contactPhone')}
        type="number"
        maxlength={13}
        error={phone && !isMainlandMobile(phone) && tried ? t('form.phone.invalid') : undefined}
        testId="enterprise-contact-phone"
      />
      <Field label={t('enterprise.workshops')} value={form.workshops} onInput={set('workshops')} hint={t('enterprise.workshops.hint')} maxlength={600} testId="enterprise-workshops" />
      <ErrorNote error={error} />
      <View className="btn-row">
        <Btn onClick={submit} busy={busy} testId="enterprise-submit">
          {t('common.create')}
        </Btn>
        <Btn kind="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Btn>
      </View>
    </Card>
  );
}

const USES = ['1', '3', '5', '10'] as const;
const DAYS = ['7', '14', '30'] as const;

function EnterpriseRow({ e }: { e: Enterprise }) {
  const t = useT();
  const ct = useConsoleT();
  const invite = useAdminStore((s) => s.invites[e.id]);
  const locale = useAppStore((s) => s.locale);
  const issueInvite = useAdminStore((s) => s.issueInvite);
  const [choosing, setChoosing] = useState(false);
  const [maxUses, setMaxUses] = useState<(typeof USES)[number]>('3');
  const [validDays, setValidDays] = useState<(typeof DAYS)[number]>('14');
  const { busy, error, run } = useWrite();

  const issue = async () => {
    const input = { enterpriseId: e.id, maxUses: Number(maxUses), validDays: Number(validDays) };
    await run(input, async (key) => {
      await issueInvite(input, key);
      setChoosing(false);
    });
  };

  return (
    <View className="list-item" data-testid={`enterprise-${e.id}`}>
      {/* The reader's language first (issue 15 #10); the other name under it. */}
      <View className="list-item__title">{locale === 'en' && e.nameEn ? e.nameEn : e.name}</View>
      {e.nameEn ? <View className="list-item__meta">{locale === 'en' ? e.name : e.nameEn}</View> : null}
      <View className="list-item__meta">
        {t('enterprise.creditCode')}: {e.creditCode}
      </View>
      {e.contactName || e.contactPhone ? (
        <View className="list-item__meta">
          {t('enterprise.contact')}: {[e.contactName, e.contactPhone].filter(Boolean).join(' · ')}
        </View>
      ) : null}
      {e.address ? <View className="list-item__meta">{e.address}</View> : null}
      <View className="list-item__meta">
        {t('enterprise.workshops')}: {e.workshops.length ? e.workshops.join('、') : t('common.none')}
      </View>
      {choosing ? (
        <View className="code-box" data-testid={`invite-options-${e.id}`}>
          <FieldFrame label={t('enterprise.invite.maxUses')}>
            <Chips options={USES.map((u) => ({ value: u, label: u }))} value={maxUses} onChange={setMaxUses} testIdPrefix="invite-uses" />
          </FieldFrame>
          <FieldFrame label={t('enterprise.invite.validDays')}>
            <Chips options={DAYS.map((d) => ({ value: d, label: t('enterprise.invite.days', { n: d }) }))} value={validDays} onChange={setValidDays} testIdPrefix="invite-days" />
          </FieldFrame>
          <ErrorNote error={error} />
          <View className="btn-row">
            <Btn small busy={busy} onClick={issue} testId={`invite-issue-${e.id}`}>
              {t('enterprise.invite.issue')}
            </Btn>
            <Btn small kind="ghost" onClick={() => setChoosing(false)}>
              {t('common.cancel')}
            </Btn>
          </View>
        </View>
      ) : (
        <View className="list-item__actions btn-row">
          <Btn kind="secondary" small onClick={() => setChoosing(true)} testId={`invite-${e.id}`}>
            {invite ? t('enterprise.invite.again') : t('enterprise.invite')}
          </Btn>
          <Btn kind="ghost" small onClick={() => void Taro.navigateTo({ url: `/staff/pages/enterprise/index?id=${encodeURIComponent(e.id)}` })} testId={`enterprise-open-${e.id}`}>
            {ct('console.enterprise.profile')}
          </Btn>
        </View>
      )}
      {invite ? (
        <View className="code-box" data-testid="invite-code" data-code={invite.code}>
          <View className="muted">{t('enterprise.invite.code')}</View>
          <View className="code-box__code">{invite.code}</View>
          <View className="muted">{t('enterprise.invite.meta', { uses: invite.uses, max: invite.maxUses, until: formatDate(invite.expiresAt, true) })}</View>
          <View className="muted">{t('enterprise.invite.howto')}</View>
        </View>
      ) : null}
    </View>
  );
}

export default function EnterprisesPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const list = useAdminStore((s) => s.enterprises);
  const keyword = useAdminStore((s) => s.enterpriseKeyword);
  const loadEnterprises = useAdminStore((s) => s.loadEnterprises);
  const loadMore = useAdminStore((s) => s.loadMoreEnterprises);
  const [query, setQuery] = useState(keyword);
  const [creating, setCreating] = useState(false);
  const canCreate = me?.role === 'staff' || me?.role === 'admin';
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void loadEnterprises(keyword);
  }, [allowed]);

  return (
    <PageShell titleKey="title.enterprises" rootProps={{ 'data-testid': 'staff-enterprises' }}>
      <PageHead title={t('staffNav.enterprises')} subtitle={t('staffNav.enterprises.text')} />
      <StaffGate roles={StaffRoles}>
        {creating ? (
          <CreateEnterprise onDone={() => setCreating(false)} />
        ) : canCreate ? (
          <View style={{ marginBottom: '12px' }}>
            <Btn onClick={() => setCreating(true)} testId="enterprise-new">
              {t('enterprise.create')}
            </Btn>
          </View>
        ) : null}
        <Card>
          <View className="btn-row" style={{ alignItems: 'center', flexWrap: 'nowrap' }}>
            <Input
              className="field__input"
              style={{ flex: '1' }}
              value={query}
              placeholder={t('enterprise.search')}
              confirmType="search"
              onInput={(e) => setQuery(e.detail.value)}
              onConfirm={() => void loadEnterprises(query)}
              data-testid="enterprise-search"
            />
            <Btn small kind="secondary" onClick={() => void loadEnterprises(query)} testId="enterprise-search-go">
              {t('common.search')}
            </Btn>
          </View>
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void loadEnterprises()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={keyword ? t('enterprise.noMatch', { keyword }) : t('enterprise.empty')} /> : null}
          {list.status !== 'loading' ? list.items.map((e) => <EnterpriseRow key={e.id} e={e} />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
        {list.status === 'ready' && list.items.length > 0 ? <View className="muted">{t('enterprise.count', { n: list.items.length })}{list.nextCursor ? '+' : ''}</View> : null}
      </StaffGate>
    </PageShell>
  );
}
