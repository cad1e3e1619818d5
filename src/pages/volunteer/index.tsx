import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Professions, type Profession } from '@core/api/roles';
import { isMainlandMobile } from '@core/rules/privacy';
import { canApplyAsVolunteer } from '@core/rules/roles';
import { PrivacyConsentCard } from '../../components/consent';
import { Field, FieldFrame } from '../../components/field';
import { PageShell } from '../../components/page-frame';
import { Badge, Btn, Card, Chips, ErrorNote, Loading, PageHead } from '../../components/ui';
import { useWrite } from '../../components/use-write';
import { useT, type MessageKey } from '../../i18n';
import { meRoleLabel, professionLabel, volunteerStatusLabel } from '../../labels';
import { toApiError } from '../../services/api-error';
import { useAppStore } from '../../store';

type Community = { id: string; name: string; nameEn?: string };

/** A lawyer, accountant, tax advisor or bank finance specialist offers to volunteer. */
export default function VolunteerPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const applyVolunteer = useAppStore((s) => s.applyVolunteer);
  const loadCommunities = useAppStore((s) => s.loadCommunities);
  const [profession, setProfession] = useState<Profession>();
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [phone, setPhone] = useState('');
  const [communities, setCommunities] = useState<Community[]>([]);
  const [communityId, setCommunityId] = useState<string>();
  const [accepted, setAccepted] = useState(false);
  const [tried, setTried] = useState(false);
  const { busy, error, run, setError } = useWrite();

  useEffect(() => {
    loadCommunities()
      .then((list) => {
        setCommunities(list);
        if (list.length === 1) setCommunityId(list[0].id);
      })
      .catch((e) => setError(toApiError(e)));
  }, [loadCommunities, setError]);

  const phoneDigits = phone.replace(/\s+/g, '');
  const valid = {
    profession: !!profession,
    name: name.trim().length > 0,
    organisation: organisation.trim().length > 0,
    phone: isMainlandMobile(phoneDigits),
    community: communities.length <= 1 || !!communityId,
  };
  const payload = {
    profession: profession as Profession,
    name: name.trim(),
    organisation: organisation.trim(),
    phone: phoneDigits,
    ...(communityId ? { communityId } : {}),
    acceptPrivacy: true,
  };
  const intent = { payload, accepted };

  const submit = async () => {
    setTried(true);
    if (!Object.values(valid).every(Boolean) || !accepted) return;
    await run(intent, async (key) => {
      await applyVolunteer(payload, key);
      await Taro.reLaunch({ url: '/pages/index/index' });
    });
  };

  if (!me) {
    return (
      <PageShell titleKey="title.volunteer">
        <Loading />
      </PageShell>
    );
  }

  if (me.role === 'volunteer') {
    const status = me.volunteerStatus ?? 'pending';
    return (
      <PageShell titleKey="title.volunteer" rootProps={{ 'data-testid': 'volunteer' }}>
        <PageHead title={t('volunteer.title')} />
        <Card title={t('home.volunteer.status')} testId="volunteer-status">
          <View className="card__text">
            {meRoleLabel(t, me)}
            <Badge kind={status === 'approved' ? 'ok' : status === 'rejected' ? 'bad' : 'warn'}>{volunteerStatusLabel(t, status)}</Badge>
          </View>
          <View className="card__text" style={{ marginTop: '8px' }}>
            {t(`home.volunteer.${status}` as MessageKey)}
          </View>
        </Card>
      </PageShell>
    );
  }

  if (!canApplyAsVolunteer(me.role)) {
    return (
      <PageShell titleKey="title.volunteer" rootProps={{ 'data-testid': 'volunteer' }}>
        <PageHead title={t('volunteer.title')} />
        <Card>
          <View className="card__text">{t('volunteer.notAllowed', { role: meRoleLabel(t, me) })}</View>
        </Card>
      </PageShell>
    );
  }

  const communityNames = communities.map((c) => (locale === 'en' && c.nameEn ? c.nameEn : c.name));
  const communityIndex = communities.findIndex((c) => c.id === communityId);

  return (
    <PageShell titleKey="title.volunteer" rootProps={{ 'data-testid': 'volunteer' }}>
      <PageHead title={t('volunteer.title')} subtitle={t('volunteer.subtitle')} />
      <Card>
        <FieldFrame label={t('volunteer.profession')} required error={tried && !valid.profession ? t('form.required') : undefined}>
          <Chips options={Professions.map((p) => ({ value: p, label: professionLabel(t, p) }))} value={profession} onChange={setProfession} testIdPrefix="profession" />
        </FieldFrame>
        <Field label={t('form.name')} value={name} onInput={setName} required maxlength={30} error={tried && !valid.name ? t('form.required') : undefined} testId="volunteer-name" />
        <Field
          label={t('volunteer.organisation')}
          value={organisation}
          onInput={setOrganisation}
          placeholder={t('volunteer.organisation.placeholder')}
          required
          maxlength={60}
          error={tried && !valid.organisation ? t('form.required') : undefined}
          testId="volunteer-organisation"
        />
        <Field
          label={t('form.phone')}
          value={phone}
          onInput={setPhone}
          type="number"
          required
          maxlength={13}
          error={tried && !valid.phone ? t('form.phone.invalid') : undefined}
          hint={t('volunteer.phone.hint')}
          testId="volunteer-phone"
        />
        {communities.length > 1 ? (
          <FieldFrame label={t('volunteer.community')} required error={tried && !valid.community ? t('form.required') : undefined}>
            <Picker mode="selector" range={communityNames} value={Math.max(communityIndex, 0)} onChange={(e) => setCommunityId(communities[Number(e.detail.value)]?.id)}>
              <View className="picker-value">
                <View>{communityIndex >= 0 ? communityNames[communityIndex] : t('form.choose')}</View>
                <View className="link-row__arrow">›</View>
              </View>
            </Picker>
          </FieldFrame>
        ) : communities.length === 1 ? (
          <View className="muted">{t('volunteer.communityOne', { name: communityNames[0] })}</View>
        ) : null}
      </Card>
      <PrivacyConsentCard accepted={accepted} onChange={setAccepted} tried={tried} />
      <ErrorNote error={error} />
      <Btn onClick={submit} busy={busy} testId="volunteer-submit">
        {t('volunteer.submit')}
      </Btn>
    </PageShell>
  );
}
