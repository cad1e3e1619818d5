import { Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { UserRow } from '@core/api/admin';
import { CuratorRoles, Professions, type Profession } from '@core/api/roles';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { useWrite } from '../../../components/use-write';
import { useT } from '../../../i18n';
import { formatDate, professionLabel } from '../../../labels';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useAdminStore } from '../../../store/admin';
import { useConsoleStore } from '../../../store/console';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';


function Application({ u }: { u: UserRow }) {
  const t = useT();
  const review = useAdminStore((s) => s.reviewVolunteer);
  const loadApproved = useConsoleStore((s) => s.loadApprovedVolunteers);
  const { keyFor, done } = useIntentKeys();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject'>();
  const [error, setError] = useState<ApiError>();

  const decide = async (approve: boolean) => {
    const input = { openid: u.openid, approve, ...(note.trim() ? { note: note.trim() } : {}) };
    setBusy(approve ? 'approve' : 'reject');
    setError(undefined);
    try {
      await review(input, keyFor(input));
      done(input);
      // The approved list below is loaded once: the person just approved joins it now, so their profession can be changed at once.
      if (approve) void loadApproved();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <View className="list-item" data-testid={`application-${u.openid}`}>
      <View className="list-item__title">
        {u.name ?? u.openid}
        {u.profession ? <Badge>{professionLabel(t, u.profession)}</Badge> : null}
      </View>
      {u.organisation ? <View className="list-item__meta">{u.organisation}</View> : null}
      {u.phone ? <View className="list-item__meta">{t('form.phone')}: {u.phone}</View> : null}
      <View className="list-item__meta">{t('volunteers.appliedAt', { at: formatDate(u.createdAt, true) })}</View>
      <View className="list-item__actions">
        <Input className="field__input" value={note} maxlength={200} placeholder={t('volunteers.note')} onInput={(e) => setNote(e.detail.value)} />
      </View>
      <ErrorNote error={error} />
      <View className="list-item__actions btn-row">
        <Btn small busy={busy === 'approve'} disabled={!!busy} onClick={() => void decide(true)} testId={`approve-${u.openid}`}>
          {t('volunteers.approve')}
        </Btn>
        <Btn small kind="danger" busy={busy === 'reject'} disabled={!!busy} onClick={() => void decide(false)} testId={`reject-${u.openid}`}>
          {t('volunteers.reject')}
        </Btn>
      </View>
    </View>
  );
}

/** An approved volunteer: staff can change the profession (which questions and clinic seats they serve). */
function Approved({ u }: { u: UserRow }) {
  const t = useT();
  const ct = useConsoleT();
  const setProfession = useConsoleStore((s) => s.setProfession);
  const [choosing, setChoosing] = useState(false);
  const { busy, error, run } = useWrite();

  const choose = async (profession: Profession) => {
    if (profession === u.profession) return setChoosing(false);
    const input = { openid: u.openid, profession };
    await run(input, async (key) => {
      await setProfession(input, key);
      setChoosing(false);
    });
  };

  return (
    <View className="list-item" data-testid={`volunteer-${u.openid}`} data-profession={u.profession ?? ''}>
      <View className="list-item__title">
        {u.name ?? u.openid}
        {u.profession ? <Badge>{professionLabel(t, u.profession)}</Badge> : null}
      </View>
      {u.organisation ? <View className="list-item__meta">{u.organisation}</View> : null}
      {choosing ? (
        <View className="code-box">
          <View className="muted">{ct('console.volunteers.profession')}</View>
          <Chips options={Professions.map((p) => ({ value: p, label: professionLabel(t, p) }))} value={u.profession} onChange={(p) => void choose(p)} testIdPrefix={`profession-${u.openid}`} />
          {busy ? <Loading /> : null}
          <ErrorNote error={error} />
          <Btn small kind="ghost" onClick={() => setChoosing(false)}>
            {t('common.cancel')}
          </Btn>
        </View>
      ) : (
        <View className="list-item__actions">
          <Btn small kind="secondary" onClick={() => setChoosing(true)} testId={`profession-change-${u.openid}`}>
            {ct('console.volunteers.change')}
          </Btn>
        </View>
      )}
    </View>
  );
}

function ApprovedVolunteers() {
  const ct = useConsoleT();
  const list = useConsoleStore((s) => s.approvedVolunteers);
  const load = useConsoleStore((s) => s.loadApprovedVolunteers);
  const loadMore = useConsoleStore((s) => s.loadMoreApprovedVolunteers);
  useEffect(() => {
    void load();
  }, []);
  return (
    <Card title={ct('console.volunteers.approved')} testId="volunteers-approved">
      {list.status === 'loading' ? <Loading /> : null}
      <ErrorNote error={list.error} onRetry={() => void load()} />
      {list.status === 'ready' && list.items.length === 0 ? <Empty text={ct('console.volunteers.emptyApproved')} /> : null}
      {list.status !== 'loading' ? list.items.map((u) => <Approved key={u.openid} u={u} />) : null}
      <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
    </Card>
  );
}

export default function VolunteersPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const list = useAdminStore((s) => s.pendingVolunteers);
  const load = useAdminStore((s) => s.loadPendingVolunteers);
  const loadMore = useAdminStore((s) => s.loadMorePendingVolunteers);
  const allowed = !!me && (CuratorRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed]);

  return (
    <PageShell titleKey="title.volunteers" rootProps={{ 'data-testid': 'staff-volunteers' }}>
      <PageHead title={t('staffNav.volunteers')} subtitle={t('staffNav.volunteers.text')} />
      <StaffGate roles={CuratorRoles}>
        <Card>
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void load()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('volunteers.empty')} /> : null}
          {list.status !== 'loading' ? list.items.map((u) => <Application key={u.openid} u={u} />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
        {allowed ? <ApprovedVolunteers /> : null}
      </StaffGate>
    </PageShell>
  );
}
