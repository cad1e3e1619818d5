import { View } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '../../components/field';
import { Btn, Card, ErrorNote } from '../../components/ui';
import { useWrite } from '../../components/use-write';
import { useClinicStore } from '../../store/clinic';
import { useClinicT } from '../i18n';
import { stationDraft, stationOf, type StationDraft } from '../station';
import { StationCard } from './station-card';

/**
 * 服务联络站 in the clinic settings (staff): where the clinic sits — what bookers see on the
 * confirmation, in 我的预约 and in the reminder. Saved on its own (clinic.updateSettings { station }),
 * previewed as bookers will see it.
 */
export function StationForm() {
  const t = useClinicT();
  const settings = useClinicStore((s) => s.settings);
  const saveSettings = useClinicStore((s) => s.saveSettings);
  const [draft, setDraft] = useState<StationDraft>(stationDraft(settings.data?.station));
  const { busy, error, run } = useWrite();
  const [saved, setSaved] = useState(false);
  const [incomplete, setIncomplete] = useState(false);
  const station = stationOf(draft);
  const intent = { station };

  // The saved station changed (loaded, saved, or saved elsewhere): the form starts from it again.
  const savedStation = settings.data?.station;
  const [draftOf, setDraftOf] = useState(savedStation);
  if (draftOf !== savedStation) {
    setDraftOf(savedStation);
    setDraft(stationDraft(savedStation));
  }

  const set = (p: Partial<StationDraft>) => {
    setSaved(false);
    setIncomplete(false);
    setDraft({ ...draft, ...p });
  };
  const save = async () => {
    if (!station) {
      setIncomplete(true);
      return;
    }
    await run(intent, async (key) => {
      await saveSettings({ station }, key);
      setSaved(true);
    });
  };

  return (
    <Card title={t('clinic.station.form')} testId="clinic-station-form">
      {!settings.data?.station ? (
        <View className="clinic-calendar-note" data-testid="clinic-station-missing">
          {t('clinic.station.missing')}
        </View>
      ) : null}
      <View className="muted" style={{ marginBottom: '12px' }}>
        {t('clinic.station.formHint')}
      </View>
      <View className="clinic-form-row clinic-form-row--wide">
        <Field label={t('field.station.name')} required value={draft.name} onInput={(v) => set({ name: v })} maxlength={40} testId="clinic-station-name" />
        <Field label={t('field.station.nameEn')} value={draft.nameEn} onInput={(v) => set({ nameEn: v })} maxlength={80} testId="clinic-station-name-en" />
      </View>
      <View className="clinic-form-row clinic-form-row--wide">
        <Field label={t('field.station.address')} required value={draft.address} onInput={(v) => set({ address: v })} maxlength={120} testId="clinic-station-address-input" />
        <Field label={t('field.station.addressEn')} value={draft.addressEn} onInput={(v) => set({ addressEn: v })} maxlength={200} testId="clinic-station-address-en" />
      </View>
      <View className="clinic-form-row">
        <Field label={t('field.station.phone')} required value={draft.phone} onInput={(v) => set({ phone: v })} maxlength={20} placeholder="0573-85012345" testId="clinic-station-phone-input" />
        <Field label={t('field.station.latitude')} required type="digit" value={draft.latitude} onInput={(v) => set({ latitude: v })} maxlength={12} placeholder="30.70893" testId="clinic-station-lat" />
        <Field label={t('field.station.longitude')} required type="digit" value={draft.longitude} onInput={(v) => set({ longitude: v })} maxlength={12} placeholder="121.04127" testId="clinic-station-lng" />
      </View>
      {station ? <StationCard station={station} /> : null}
      {incomplete ? <View className="error-note">{t('clinic.station.incomplete')}</View> : null}
      {saved ? (
        <View className="success-note" data-testid="clinic-station-saved">
          {t('clinic.station.saved')}
        </View>
      ) : null}
      <ErrorNote error={error} />
      <View style={{ marginTop: '12px' }}>
        <Btn busy={busy} onClick={() => void save()} testId="clinic-station-save">
          {t('clinic.station.save')}
        </Btn>
      </View>
    </Card>
  );
}
