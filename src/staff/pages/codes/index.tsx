import { StaffRoles } from '@core/api/roles';
import { Image, Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { MiniProgramEnvVersions, type EntryCode, type EntryKind, type MiniProgramEnvVersion } from '@core/api/admin';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useT } from '../../../i18n';
import { entryKindLabel, formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useAdminStore } from '../../../store/admin';
import { StaffGate } from '../../staff-gate';


/**
 * The version of the mini-program running now (trial or develop while testing, release after),
 * so a code made here opens the same version. H5 has none: the server's default (release).
 */
export function runningEnvVersion(): MiniProgramEnvVersion | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined;
  try {
    const v = Taro.getAccountInfoSync().miniProgram.envVersion as string;
    return (MiniProgramEnvVersions as readonly string[]).includes(v) ? (v as MiniProgramEnvVersion) : undefined;
  } catch {
    return undefined;
  }
}
const KINDS: EntryKind[] = ['enterprise', 'workshop', 'station'];

function CreateCode({ onDone }: { onDone: () => void }) {
  const t = useT();
  const enterprises = useAdminStore((s) => s.enterprises);
  const loadEnterprises = useAdminStore((s) => s.loadEnterprises);
  const loadMoreEnterprises = useAdminStore((s) => s.loadMoreEnterprises);
  const createCode = useAdminStore((s) => s.createCode);
  const [kind, setKind] = useState<EntryKind>('enterprise');
  const [enterpriseId, setEnterpriseId] = useState<string>();
  const [workshop, setWorkshop] = useState<string>();
  const [label, setLabel] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useWrite();

  useEffect(() => {
    if (enterprises.status === 'idle') void loadEnterprises('');
  }, []);

  const ent = enterprises.items.find((e) => e.id === enterpriseId);
  const needsEnterprise = kind !== 'station';
  const input = {
    kind,
    ...(needsEnterprise && enterpriseId ? { enterpriseId } : {}),
    ...(kind === 'workshop' && workshop ? { workshop } : {}),
    ...(label.trim() ? { label: label.trim() } : {}),
  };
  const envVersion = runningEnvVersion();
  const valid = (!needsEnterprise || !!enterpriseId) && (kind !== 'workshop' || !!workshop);

  const submit = async () => {
    setTried(true);
    if (!valid) return;
    await run(input, async (key) => {
      await createCode(envVersion ? { ...input, envVersion } : input, key);
      onDone();
    });
  };

  const entIndex = enterprises.items.findIndex((e) => e.id === enterpriseId);
  const workshops = ent?.workshops ?? [];
  const wsIndex = workshop ? workshops.indexOf(workshop) : -1;

  return (
    <Card title={t('codes.create')} testId="code-create">
      <FieldFrame label={t('codes.kind')} required>
        <Chips options={KINDS.map((k) => ({ value: k, label: entryKindLabel(t, k) }))} value={kind} onChange={(k) => { setKind(k); setWorkshop(undefined); }} testIdPrefix="code-kind" />
      </FieldFrame>
      {needsEnterprise ? (
        <FieldFrame label={t('codes.enterprise')} required error={tried && !enterpriseId ? t('form.required') : undefined}>
          {enterprises.status === 'loading' ? (
            <Loading />
          ) : (
            <Picker
              mode="selector"
              range={enterprises.items.map((e) => e.name)}
              value={Math.max(entIndex, 0)}
              onChange={(e) => {
                setEnterpriseId(enterprises.items[Number(e.detail.value)]?.id);
                setWorkshop(undefined);
              }}
            >
              <View className="picker-value" data-testid="code-enterprise">
                <View>{ent ? ent.name : t('form.choose')}</View>
                <View className="link-row__arrow">›</View>
              </View>
            </Picker>
          )}
          {enterprises.nextCursor ? (
            <View style={{ marginTop: '8px' }}>
              <Btn kind="ghost" small busy={enterprises.loadingMore} onClick={() => void loadMoreEnterprises()}>
                {t('codes.moreEnterprises')}
              </Btn>
            </View>
          ) : null}
          <ErrorNote error={enterprises.error} />
        </FieldFrame>
      ) : null}
      {kind === 'workshop' && ent ? (
        <FieldFrame label={t('codes.workshop')} required error={tried && !workshop ? t('form.required') : undefined} hint={workshops.length ? undefined : t('codes.noWorkshops')}>
          {workshops.length ? (
            <Picker mode="selector" range={workshops} value={Math.max(wsIndex, 0)} onChange={(e) => setWorkshop(workshops[Number(e.detail.value)])}>
              <View className="picker-value" data-testid="code-workshop">
                <View>{workshop ?? t('form.choose')}</View>
                <View className="link-row__arrow">›</View>
              </View>
            </Picker>
          ) : null}
        </FieldFrame>
      ) : null}
      <Field label={t('codes.label')} value={label} onInput={setLabel} maxlength={60} hint={t('codes.label.hint')} testId="code-label" />
      <ErrorNote error={error} />
      <View className="btn-row">
        <Btn onClick={submit} busy={busy} disabled={tried && !valid} testId="code-submit">
          {t('common.create')}
        </Btn>
        <Btn kind="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Btn>
      </View>
    </Card>
  );
}

function CodeRow({ c }: { c: EntryCode }) {
  const t = useT();
  const preview = () => {
    if (c.imageUrl) void Taro.previewImage({ urls: [c.imageUrl], current: c.imageUrl }).catch(() => undefined);
  };
  return (
    <View className="list-item qr" data-testid={`code-${c.scene}`}>
      {c.imageUrl ? <Image className="qr__image" src={c.imageUrl} mode="aspectFit" onClick={preview} /> : <View className="qr__image" />}
      <View className="qr__body">
        <View className="list-item__title">
          {c.label}
          <Badge>{entryKindLabel(t, c.kind)}</Badge>
          {c.disabled ? <Badge kind="bad">{t('codes.disabled')}</Badge> : null}
        </View>
        {c.workshop ? <View className="list-item__meta">{t('codes.workshop')}: {c.workshop}</View> : null}
        <View className="list-item__meta">{t('codes.scene')}: {c.scene}</View>
        <View className="list-item__meta">{t('common.createdAt')}: {formatDate(c.createdAt, true)}</View>
        <View className="list-item__meta">{t('codes.print')}</View>
      </View>
    </View>
  );
}

export default function CodesPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const codes = useAdminStore((s) => s.codes);
  const loadCodes = useAdminStore((s) => s.loadCodes);
  const loadMore = useAdminStore((s) => s.loadMoreCodes);
  const [creating, setCreating] = useState(false);
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);
  const canCreate = me?.role === 'staff' || me?.role === 'admin';

  useEffect(() => {
    if (allowed) void loadCodes();
  }, [allowed]);

  return (
    <PageShell titleKey="title.codes" rootProps={{ 'data-testid': 'staff-codes' }}>
      <PageHead title={t('staffNav.codes')} subtitle={t('staffNav.codes.text')} />
      <StaffGate roles={StaffRoles}>
        {creating ? (
          <CreateCode onDone={() => setCreating(false)} />
        ) : canCreate ? (
          <View style={{ marginBottom: '12px' }}>
            <Btn onClick={() => setCreating(true)} testId="code-new">
              {t('codes.create')}
            </Btn>
          </View>
        ) : null}
        <Card>
          {codes.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={codes.error} onRetry={() => void loadCodes()} />
          {codes.status === 'ready' && codes.items.length === 0 ? <Empty text={t('codes.empty')} /> : null}
          {codes.status !== 'loading' ? codes.items.map((c) => <CodeRow key={c.scene} c={c} />) : null}
          <LoadMore hasMore={!!codes.nextCursor && codes.status === 'ready'} loading={codes.loadingMore} onMore={() => void loadMore()} />
        </Card>
      </StaffGate>
    </PageShell>
  );
}
