import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { UserRow } from '@core/api/admin';
import { Roles, StaffRoles, type Role } from '@core/api/roles';
import { canSetRole } from '@core/rules/roles';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useT } from '../../../i18n';
import { formatDate, professionLabel, roleLabel, volunteerStatusLabel } from '../../../labels';
import { useAppStore } from '../../../store';
import { useAdminStore } from '../../../store/admin';
import { StaffGate } from '../../staff-gate';

/** Roles a person can be given (guest means "no record" and is never given). */
const ASSIGNABLE: Role[] = Roles.filter((r) => r !== 'guest');
const FILTERS: ('all' | Role)[] = ['all', ...ASSIGNABLE];

function RoleEditor({ u, onClose }: { u: UserRow; onClose: () => void }) {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const setUserRole = useAdminStore((s) => s.setUserRole);
  const targets = ASSIGNABLE.filter((r) => me && canSetRole({ role: me.role, openid: me.openid }, { role: u.role, openid: u.openid }, r));
  const [to, setTo] = useState<Role>();
  const [unitId, setUnitId] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useWrite();

  const submit = async () => {
    setTried(true);
    if (!to || (to === 'unit' && !unitId.trim())) return;
    const input = { openid: u.openid, role: to, ...(to === 'unit' ? { unitId: unitId.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) };
    await run(input, async (key) => {
      await setUserRole(input, key);
      onClose();
    });
  };

  if (!targets.length) return <View className="muted">{t('users.cannotChange')}</View>;

  return (
    <View className="code-box" data-testid={`role-editor-${u.openid}`}>
      <FieldFrame label={t('users.newRole')} required error={tried && !to ? t('form.required') : undefined}>
        <Chips options={targets.map((r) => ({ value: r, label: roleLabel(t, r) }))} value={to} onChange={setTo} testIdPrefix="set-role" />
      </FieldFrame>
      {to === 'unit' ? (
        <Field label={t('users.unitId')} value={unitId} onInput={setUnitId} required hint={t('users.unitId.hint')} error={tried && !unitId.trim() ? t('form.required') : undefined} maxlength={64} />
      ) : null}
      <Field label={t('users.note')} value={note} onInput={setNote} maxlength={200} />
      <ErrorNote error={error} />
      <View className="btn-row">
        <Btn small onClick={submit} busy={busy} testId="set-role-submit">
          {t('common.confirm')}
        </Btn>
        <Btn small kind="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Btn>
      </View>
    </View>
  );
}

function UserItem({ u, isAdmin }: { u: UserRow; isAdmin: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  return (
    <View className="list-item" data-testid={`user-${u.openid}`} data-role={u.role}>
      <View className="list-item__row">
        <View>
          <View className="list-item__title">
            {u.name || t('home.unnamed')}
            <Badge>{roleLabel(t, u.role)}</Badge>
            {u.profession ? <Badge kind="muted">{professionLabel(t, u.profession)}</Badge> : null}
            {u.volunteerStatus ? <Badge kind={u.volunteerStatus === 'approved' ? 'ok' : u.volunteerStatus === 'rejected' ? 'bad' : 'warn'}>{volunteerStatusLabel(t, u.volunteerStatus)}</Badge> : null}
          </View>
          {u.enterpriseName || u.organisation ? <View className="list-item__meta">{[u.enterpriseName, u.organisation].filter(Boolean).join(' · ')}</View> : null}
          <View className="list-item__meta">
            {[u.phone, u.openid, t('users.since', { at: formatDate(u.createdAt) })].filter(Boolean).join(' · ')}
          </View>
        </View>
        {isAdmin && !editing ? (
          <Btn small kind="secondary" onClick={() => setEditing(true)} testId={`change-role-${u.openid}`}>
            {t('users.changeRole')}
          </Btn>
        ) : null}
      </View>
      {editing ? <RoleEditor u={u} onClose={() => setEditing(false)} /> : null}
    </View>
  );
}

export default function UsersPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const list = useAdminStore((s) => s.users);
  const role = useAdminStore((s) => s.usersRole);
  const loadUsers = useAdminStore((s) => s.loadUsers);
  const loadMore = useAdminStore((s) => s.loadMoreUsers);
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);
  const isAdmin = me?.role === 'admin';

  useEffect(() => {
    if (allowed) void loadUsers();
  }, [allowed]);

  return (
    <PageShell titleKey="title.users" rootProps={{ 'data-testid': 'staff-users' }}>
      <PageHead title={t('staffNav.users')} subtitle={isAdmin ? t('users.subtitle.admin') : t('staffNav.users.text')} />
      <StaffGate roles={StaffRoles}>
        <Card>
          <Chips
            options={FILTERS.map((r) => ({ value: r, label: r === 'all' ? t('users.all') : roleLabel(t, r) }))}
            value={role ?? 'all'}
            onChange={(r) => void loadUsers(r === 'all' ? null : r)}
            testIdPrefix="users-filter"
          />
        </Card>
        <Card>
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void loadUsers()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('users.empty')} /> : null}
          {list.status !== 'loading' ? list.items.map((u) => <UserItem key={u.openid} u={u} isAdmin={isAdmin} />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
      </StaffGate>
    </PageShell>
  );
}
