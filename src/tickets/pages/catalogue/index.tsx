import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { TicketCategories, type CatalogueEntry, type MemberUnit, type TicketCategory } from '@core/api/tickets';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useAppStore } from '../../../store';
import { useTicketsStore } from '../../../store/tickets';
import { TicketsGate } from '../../components/tickets-gate';
import { useTicketsT } from '../../i18n';
import { categoryLabel, isCurator, unitName } from '../../tickets-labels';
import '../../tickets.css';

/** 派单目录: per category, the lead unit (主办) and assisting units (协办) a dispatch starts from. */
export default function TicketsCataloguePage() {
  const t = useTicketsT();
  return (
    <PageShell titleKey="title.ticketsCatalogue" rootProps={{ 'data-testid': 'tickets-catalogue' }}>
      <PageHead title={t('ticketsNav.catalogue')} subtitle={t('tickets.catalogue.subtitle')} />
      <TicketsGate allowed={isCurator}>
        <Catalogue />
      </TicketsGate>
    </PageShell>
  );
}

function Catalogue() {
  const me = useAppStore((s) => s.me)!;
  const units = useTicketsStore((s) => s.units);
  const catalogue = useTicketsStore((s) => s.catalogue);
  const loadUnits = useTicketsStore((s) => s.loadUnits);
  const loadCatalogue = useTicketsStore((s) => s.loadCatalogue);
  useEffect(() => {
    void loadUnits();
    void loadCatalogue();
  }, [loadUnits, loadCatalogue, me.openid]);
  if (!units.data || !catalogue.data) {
    const error = units.error ?? catalogue.error;
    return error ? (
      <ErrorNote
        error={error}
        onRetry={() => {
          void loadUnits();
          void loadCatalogue();
        }}
      />
    ) : (
      <Loading />
    );
  }
  return (
    <>
      {TicketCategories.map((c) => (
        <CategoryCard key={c} category={c} units={units.data!} entry={catalogue.data!.find((e) => e.category === c)} />
      ))}
    </>
  );
}

function CategoryCard({ category, units, entry }: { category: TicketCategory; units: MemberUnit[]; entry?: CatalogueEntry }) {
  const t = useTicketsT();
  const locale = useAppStore((s) => s.locale);
  const save = useTicketsStore((s) => s.setCatalogue);
  const [editing, setEditing] = useState(false);
  const [lead, setLead] = useState(entry?.leadUnitId);
  const [assist, setAssist] = useState<string[]>(entry?.assistUnitIds ?? []);
  const { busy, error, run } = useWrite();
  const [saved, setSaved] = useState(false);
  const input = { category, leadUnitId: lead ?? '', assistUnitIds: assist.filter((a) => a !== lead) };
  const name = (id: string) => {
    const u = units.find((x) => x.id === id);
    return u ? unitName(locale, u) : id;
  };

  const submit = async () => {
    await run(input, async (key) => {
      await save(input, key);
      setEditing(false);
      setSaved(true);
    });
  };

  return (
    <Card title={categoryLabel(t, category)} testId="catalogue-entry">
      <View data-testid={`catalogue-${category}`} data-lead={entry?.leadUnitId ?? ''}>
        <View className="tickets-kv">
          <View className="tickets-kv__k">{t('tickets.detail.leadUnit')}</View>
          <View className="tickets-kv__v">{entry ? name(entry.leadUnitId) : <View className="muted">{t('tickets.catalogue.unset')}</View>}</View>
        </View>
        {entry?.assistUnitIds.length ? (
          <View className="tickets-kv">
            <View className="tickets-kv__k">{t('tickets.detail.assistUnits')}</View>
            <View className="tickets-kv__v">{entry.assistUnitIds.map(name).join('、')}</View>
          </View>
        ) : null}
      </View>
      {saved && !editing ? <View className="muted">{t('tickets.catalogue.saved')}</View> : null}
      {editing ? (
        <View className="tickets-form">
          <FieldFrame label={t('tickets.form.leadUnit')} required>
            <View className="chips">
              {units.map((u) => (
                <View key={u.id} className={`chip${lead === u.id ? ' chip--on' : ''}`} onClick={() => setLead(u.id)} data-testid={`catalogue-lead-${u.id}`} role="radio">
                  {unitName(locale, u)}
                </View>
              ))}
            </View>
          </FieldFrame>
          <FieldFrame label={t('tickets.form.assistUnits')}>
            <View className="chips">
              {units
                .filter((u) => u.id !== lead)
                .map((u) => (
                  <View
                    key={u.id}
                    className={`chip${assist.includes(u.id) ? ' chip--on' : ''}`}
                    onClick={() => setAssist((a) => (a.includes(u.id) ? a.filter((x) => x !== u.id) : [...a, u.id]))}
                    data-testid={`catalogue-assist-${u.id}`}
                    role="checkbox"
                  >
                    {unitName(locale, u)}
                  </View>
                ))}
            </View>
          </FieldFrame>
          <ErrorNote error={error} />
          <View className="btn-row">
            <Btn kind="ghost" onClick={() => setEditing(false)}>
              {t('tickets.form.cancel')}
            </Btn>
            <Btn busy={busy} disabled={!lead} onClick={() => void submit()} testId="catalogue-save">
              {t('tickets.catalogue.save')}
            </Btn>
          </View>
        </View>
      ) : (
        <View style={{ marginTop: '8px' }}>
          <Btn
            small
            kind="secondary"
            onClick={() => {
              setLead(entry?.leadUnitId);
              setAssist(entry?.assistUnitIds ?? []);
              setSaved(false);
              setEditing(true);
            }}
            testId="catalogue-edit"
          >
            {t('tickets.catalogue.edit')}
          </Btn>
        </View>
      )}
    </Card>
  );
}
