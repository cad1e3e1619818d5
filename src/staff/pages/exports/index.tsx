import { CuratorRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ExportKinds, type ExportKind, type ExportRecord } from '@core/api/console';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead, Toggle } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { ExportLink } from '../../components/export-link';
import { initialPeriod, PeriodFilter, type Period } from '../../components/filters';
import { exportKindLabel } from '../../console-labels';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';


function ExportRow({ r }: { r: ExportRecord }) {
  const t = useConsoleT();
  return (
    <View className="list-item" data-testid={`export-${r.id}`}>
      <View className="console-row__top">
        <View className="list-item__title">{exportKindLabel(t, r.kind)}</View>
        <Badge kind={r.unmasked ? 'warn' : 'muted'}>{r.unmasked ? t('console.exports.unmaskedBadge') : t('console.exports.masked')}</Badge>
      </View>
      <View className="list-item__meta">{r.fileName}</View>
      <View className="list-item__meta">
        {formatDate(r.createdAt, true)} · {t('console.exports.rows', { n: r.rows })}
        {r.byName ? ` · ${t('console.exports.by', { name: r.byName })}` : ''}
      </View>
    </View>
  );
}

/** 数据导出: an .xlsx made by the function, a temporary link to download it, and who exported what. */
export default function ExportsPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const history = useConsoleStore((s) => s.exports);
  const loadHistory = useConsoleStore((s) => s.loadExports);
  const loadMore = useConsoleStore((s) => s.loadMoreExports);
  const makeExport = useConsoleStore((s) => s.makeExport);
  const lastExport = useConsoleStore((s) => s.lastExport);
  const [kind, setKind] = useState<ExportKind>('tickets');
  const [period, setPeriod] = useState<Period>(initialPeriod('month'));
  const [campaignId, setCampaignId] = useState('');
  const [unmasked, setUnmasked] = useState(false);
  const { busy, error, run } = useWrite();
  const [made, setMade] = useState<string>();
  const allowed = !!me && (CuratorRoles as readonly string[]).includes(me.role);
  const isAdmin = me?.role === 'admin';

  useEffect(() => {
    if (allowed) void loadHistory();
  }, [allowed]);

  const make = async () => {
    const input = {
      kind,
      from: period.from,
      to: period.to,
      ...(kind === 'survey_answers' && campaignId.trim() ? { campaignId: campaignId.trim() } : {}),
      ...(isAdmin && unmasked ? { unmasked: true } : {}),
    };
    await run(input, async (key) => {
      const r = await makeExport(input, key);
      setMade(r.id);
    });
  };

  return (
    <PageShell titleKey="title.exports" rootProps={{ 'data-testid': 'staff-exports' }}>
      <PageHead title={t('staffNav.exports')} subtitle={t('console.exports.subtitle')} />
      <StaffGate roles={CuratorRoles}>
        <View className="console-grid">
          <Card testId="export-form">
            <FieldFrame label={t('console.exports.kind')}>
              <Chips options={ExportKinds.map((k) => ({ value: k, label: exportKindLabel(t, k) }))} value={kind} onChange={setKind} testIdPrefix="export-kind" />
            </FieldFrame>
            <PeriodFilter value={period} onChange={setPeriod} />
            {kind === 'survey_answers' ? <Field label={t('console.exports.campaign')} value={campaignId} onInput={setCampaignId} maxlength={64} testId="export-campaign" /> : null}
            {isAdmin ? <Toggle on={unmasked} onChange={setUnmasked} label={t('console.exports.unmasked')} hint={t('console.exports.unmaskedHint')} testId="export-unmasked" /> : null}
            <ErrorNote error={error} />
            <View style={{ marginTop: '12px' }}>
              <Btn busy={busy} onClick={() => void make()} testId="export-make">
                {t('console.exports.make')}
              </Btn>
            </View>
            {lastExport && lastExport.id === made ? <ExportLink result={lastExport} /> : null}
          </Card>
          <Card title={t('console.exports.history')} testId="export-history">
            {history.status === 'loading' ? <Loading /> : null}
            <ErrorNote error={history.error} onRetry={() => void loadHistory()} />
            {history.status === 'ready' && history.items.length === 0 ? <Empty text={t('console.exports.empty')} /> : null}
            {history.status !== 'loading' ? history.items.map((r) => <ExportRow key={r.id} r={r} />) : null}
            <LoadMore hasMore={!!history.nextCursor && history.status === 'ready'} loading={history.loadingMore} onMore={() => void loadMore()} />
          </Card>
        </View>
      </StaffGate>
    </PageShell>
  );
}
