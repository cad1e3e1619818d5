import { CuratorRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { MemberUnitDetail } from '@core/api/console';
import { isMainlandMobile } from '@core/rules/privacy';
import { Field } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, Loading, PageHead, Toggle } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';


function UnitForm({ unit, onDone }: { unit?: MemberUnitDetail; onDone: () => void }) {
  const t = useConsoleT();
  const save = useConsoleStore((s) => s.saveUnit);
  const [form, setForm] = useState({ name: unit?.name ?? '', nameEn: unit?.nameEn ?? '', contactName: unit?.contactName ?? '', contactPhone: unit?.contactPhone ?? '' });
  const [active, setActive] = useState(unit?.active ?? true);
  const { busy, error, run } = useWrite();
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const phone = form.contactPhone.replace(/\s+/g, '');
  const phoneChanged = phone !== (unit?.contactPhone ?? '');
  const input = {
    ...(unit ? { id: unit.id } : {}),
    name: form.name.trim(),
    ...(form.nameEn.trim() ? { nameEn: form.nameEn.trim() } : {}),
    ...(form.contactName.trim() ? { contactName: form.contactName.trim() } : {}),
    // A masked number read back is not sent again unless retyped.
    ...(phone && phoneChanged ? { contactPhone: phone } : {}),
    active,
  };
  const phoneError = phone && phoneChanged && !isMainlandMobile(phone) ? t('form.phone.invalid') : undefined;

  const submit = async () => {
    if (!input.name || phoneError) return;
    await run(input, async (key) => {
      await save(input, key);
      onDone();
    });
  };

  return (
    <View className="code-box" data-testid="unit-form">
      <Field label={t('console.units.name')} value={form.name} onInput={set('name')} required maxlength={60} testId="unit-name" />
      <Field label={t('console.units.nameEn')} value={form.nameEn} onInput={set('nameEn')} maxlength={100} testId="unit-name-en" />
      <Field label={t('console.units.contactName')} value={form.contactName} onInput={set('contactName')} maxlength={30} testId="unit-contact" />
      <Field label={t('console.units.contactPhone')} value={form.contactPhone} onInput={set('contactPhone')} maxlength={13} error={phoneError} testId="unit-phone" />
      <Toggle on={active} onChange={setActive} label={t('console.units.active')} testId="unit-active" />
      <ErrorNote error={error} />
      <View className="btn-row" style={{ marginTop: '12px' }}>
        <Btn small busy={busy} disabled={!input.name || !!phoneError} onClick={() => void submit()} testId="unit-save">
          {t('common.save')}
        </Btn>
        <Btn small kind="ghost" onClick={onDone}>
          {t('common.cancel')}
        </Btn>
      </View>
    </View>
  );
}

/** Edit, or switch a unit off (it takes no new demands) and on again in one tap. */
function ActiveSwitch({ u, onEdit }: { u: MemberUnitDetail; onEdit: () => void }) {
  const t = useConsoleT();
  const save = useConsoleStore((s) => s.saveUnit);
  const { busy, error, run } = useWrite();
  const flip = async () => {
    const input = { id: u.id, name: u.name, active: !u.active };
    await run(input, async (key) => {
      await save(input, key);
    });
  };
  return (
    <>
      <ErrorNote error={error} />
      <View className="list-item__actions btn-row">
        <Btn small kind="secondary" onClick={onEdit} testId={`unit-edit-${u.id}`}>
          {t('console.units.edit')}
        </Btn>
        <Btn small kind="ghost" busy={busy} onClick={() => void flip()} testId={`unit-toggle-${u.id}`}>
          {u.active ? t('console.units.deactivate') : t('console.units.activate')}
        </Btn>
      </View>
    </>
  );
}

/** 成员单位: the units that take demands, their contacts, and whether they still take new ones. */
export default function UnitsPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const units = useConsoleStore((s) => s.units);
  const load = useConsoleStore((s) => s.loadUnits);
  const [editing, setEditing] = useState<string>();
  const allowed = !!me && (CuratorRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed]);

  return (
    <PageShell titleKey="title.units" rootProps={{ 'data-testid': 'staff-units' }}>
      <PageHead title={t('console.master.units')} subtitle={t('console.master.units.text')} />
      <StaffGate roles={CuratorRoles}>
        <Card>
          {editing === 'new' ? (
            <UnitForm onDone={() => setEditing(undefined)} />
          ) : (
            <Btn small onClick={() => setEditing('new')} testId="unit-add">
              {t('console.units.add')}
            </Btn>
          )}
          {units.status === 'loading' && !units.data ? <Loading /> : null}
          <ErrorNote error={units.error} onRetry={() => void load()} />
          {units.data && units.data.length === 0 ? <Empty text={t('console.units.empty')} /> : null}
          {units.data?.map((u) => (
            <View key={u.id} className="list-item" data-testid={`unit-${u.id}`} data-active={u.active ? 'true' : 'false'}>
              <View className="console-row__top">
                <View className="list-item__title">{u.name}</View>
                {u.active ? <Badge kind="ok">{t('console.units.active')}</Badge> : <Badge kind="muted">{t('console.units.inactive')}</Badge>}
              </View>
              {u.nameEn ? <View className="list-item__meta">{u.nameEn}</View> : null}
              {u.contactName || u.contactPhone ? <View className="list-item__meta">{[u.contactName, u.contactPhone].filter(Boolean).join(' · ')}</View> : null}
              {editing === u.id ? (
                <UnitForm unit={u} onDone={() => setEditing(undefined)} />
              ) : (
                <ActiveSwitch u={u} onEdit={() => setEditing(u.id)} />
              )}
            </View>
          ))}
        </Card>
      </StaffGate>
    </PageShell>
  );
}
