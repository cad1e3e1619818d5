import { StaffRoles } from '@core/api/roles';
import { Image, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import type { VisitProblem, VisitView } from '@core/api/console';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { categoryLabel, problemStatusKind, problemStatusLabel, ticketUrl } from '../../console-labels';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';


function ProblemCard({ v, p, index }: { v: VisitView; p: VisitProblem; index: number }) {
  const t = useConsoleT();
  const toTicket = useConsoleStore((s) => s.problemToTicket);
  const { busy, error, run } = useWrite();

  const make = async () => {
    const input = { visitId: v.id, problemId: p.id };
    await run(input, async (key) => {
      await toTicket(input, key);
    });
  };

  return (
    <View className="console-problem" data-testid={`problem-${index}`} data-status={p.status} data-ticket={p.ticketId ?? ''}>
      <View className="console-row__top">
        <View className="list-item__title">
          {categoryLabel(t, p.category)}
          {p.theme ? ` · ${p.theme}` : ''}
        </View>
        <Badge kind={problemStatusKind(p.status)}>{problemStatusLabel(t, p.status)}</Badge>
      </View>
      <View style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{p.description}</View>
      <ErrorNote error={error} />
      {p.ticketId ? (
        <Btn small kind="secondary" onClick={() => void Taro.navigateTo({ url: ticketUrl(p.ticketId!) })} testId={`problem-${index}-ticket`}>
          {t('console.visit.viewTicket', { number: p.ticketNumber ?? '' })}
        </Btn>
      ) : p.status === 'open' ? (
        <>
          {p.similarTicket ? (
            // The enterprise already has a live demand of this category: say so, and ask before a second.
            <View className="console-similar" data-testid={`problem-${index}-similar`} data-ticket={p.similarTicket.id}>
              <View>{t('console.visit.similar', { number: p.similarTicket.number, title: p.similarTicket.title })}</View>
              <Btn small kind="secondary" onClick={() => void Taro.navigateTo({ url: ticketUrl(p.similarTicket!.id) })} testId={`problem-${index}-similar-open`}>
                {t('console.visit.viewTicket', { number: p.similarTicket.number })}
              </Btn>
            </View>
          ) : null}
          <Btn
            small
            kind={p.similarTicket ? 'ghost' : 'primary'}
            busy={busy}
            onClick={() =>
              p.similarTicket
                ? void Taro.showModal({ title: t('console.visit.similarTitle'), content: t('console.visit.similarConfirm', { number: p.similarTicket.number }), confirmText: t('console.visit.similarGo'), cancelText: t('console.visit.keepOne') }).then(
                    (r) => (r.confirm ? make() : undefined),
                    () => undefined,
                  )
                : void make()
            }
            testId={`problem-${index}-to-ticket`}
          >
            {p.similarTicket ? t('console.visit.toTicketAnyway') : t('console.visit.toTicket')}
          </Btn>
        </>
      ) : null}
    </View>
  );
}

/** 走访详情: what was seen, and each problem's status; an open problem becomes a demand in one tap. */
export default function VisitPage() {
  const t = useConsoleT();
  const router = useRouter();
  const id = router.params.id ?? '';
  const me = useAppStore((s) => s.me);
  const visit = useConsoleStore((s) => s.visit);
  const load = useConsoleStore((s) => s.loadVisit);
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed && id) void load(id);
  }, [allowed, id]);

  const v = visit.key === id ? visit.data : undefined;
  return (
    <PageShell titleKey="title.visit" rootProps={{ 'data-testid': 'staff-visit' }}>
      <StaffGate roles={StaffRoles}>
        {visit.status === 'loading' && !v ? <Loading /> : null}
        <ErrorNote error={visit.error} onRetry={() => void load(id)} />
        {v ? (
          <>
            <PageHead title={v.enterpriseName} subtitle={`${v.date}${v.visitorName ? ` · ${t('console.visits.by', { name: v.visitorName })}` : ''}`} />
            <View className="console-split">
              <Card testId="visit-detail">
                <View className="list-item__meta">
                  {t('console.visit.met')}: {v.met}
                </View>
                <View className="chips" style={{ margin: '12px 0' }}>
                  {v.topics.map((x) => (
                    <View key={x} className="chip chip--on">
                      {x}
                    </View>
                  ))}
                </View>
                {v.notes ? <View style={{ whiteSpace: 'pre-wrap', marginBottom: '12px' }}>{v.notes}</View> : null}
                {v.photos.length ? (
                  <View className="console-photos" style={{ marginBottom: '12px' }}>
                    {v.photos.map((a) => (
                      <View key={a.fileID} className="console-photo">
                        <Image className="console-photo__img" src={a.url ?? a.fileID} mode="aspectFill" onClick={() => a.url && void Taro.previewImage({ urls: v.photos.map((x) => x.url ?? '').filter(Boolean), current: a.url })} />
                      </View>
                    ))}
                  </View>
                ) : null}
                <View className="muted">{formatDate(v.createdAt, true)}</View>
                <View style={{ marginTop: '12px' }}>
                  <Btn small kind="ghost" onClick={() => void Taro.navigateTo({ url: `/staff/pages/enterprise/index?id=${encodeURIComponent(v.enterpriseId)}` })} testId="visit-enterprise">
                    {t('console.visit.enterprisePage')}
                  </Btn>
                </View>
              </Card>
              <Card title={t('console.visit.problems')} testId="visit-problems">
                {v.problems.length === 0 ? <Empty text={t('console.visit.noProblems')} /> : null}
                {v.problems.map((p, i) => (
                  <ProblemCard key={p.id} v={v} p={p} index={i} />
                ))}
              </Card>
            </View>
          </>
        ) : null}
      </StaffGate>
    </PageShell>
  );
}
