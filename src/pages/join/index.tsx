import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { canJoinAsManager } from '@core/rules/roles';
import { normalizeInviteCode } from '@core/rules/codes';
import { PrivacyConsentCard } from '../../components/consent';
import { Field } from '../../components/field';
import { PageShell } from '../../components/page-frame';
import { Btn, Card, ErrorNote, Loading, PageHead } from '../../components/ui';
import { useWrite } from '../../components/use-write';
import { useT } from '../../i18n';
import { enterpriseName, meRoleLabel } from '../../labels';
import { useAppStore } from '../../store';

/** An enterprise's liaison joins it with the invite code the community gave them. */
export default function JoinPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const joinEnterprise = useAppStore((s) => s.joinEnterprise);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [accepted, setAccepted] = useState(false);
  const { busy, error, run } = useWrite();
  const [tried, setTried] = useState(false);

  const normalized = normalizeInviteCode(code);
  const codeOk = /^[2-9A-HJ-NP-Z]{8}$/.test(normalized);
  const nameOk = name.trim().length > 0;
  const intent = { normalized, name: name.trim(), accepted };

  const submit = async () => {
    setTried(true);
    if (!codeOk || !nameOk || !accepted) return;
    await run(intent, async (key) => {
      const updated = await joinEnterprise({ inviteCode: normalized, name: name.trim(), acceptPrivacy: true }, key);
      await Taro.showToast({ title: t('join.done', { enterprise: enterpriseName(locale, updated.enterprise) ?? '' }), icon: 'none' }).catch(() => undefined);
      await Taro.reLaunch({ url: '/pages/index/index' });
    });
  };

  if (!me) {
    return (
      <PageShell titleKey="title.join">
        <Loading />
      </PageShell>
    );
  }

  if (!canJoinAsManager(me.role)) {
    return (
      <PageShell titleKey="title.join" rootProps={{ 'data-testid': 'join' }}>
        <PageHead title={t('join.title')} />
        <Card>
          <View className="card__text">{t('join.notAllowed', { role: meRoleLabel(t, me) })}</View>
        </Card>
      </PageShell>
    );
  }

  return (
    <PageShell titleKey="title.join" rootProps={{ 'data-testid': 'join' }}>
      <PageHead title={t('join.title')} subtitle={t('join.subtitle')} />
      <Card>
        <Field
          label={t('join.code')}
          value={code}
          onInput={setCode}
          placeholder={t('join.code.placeholder')}
          required
          maxlength={20}
          error={tried && !codeOk ? t('join.code.invalid') : undefined}
          hint={t('join.code.hint')}
          testId="join-code"
        />
        <Field label={t('form.name')} value={name} onInput={setName} required maxlength={30} error={tried && !nameOk ? t('form.required') : undefined} testId="join-name" />
      </Card>
      <PrivacyConsentCard accepted={accepted} onChange={setAccepted} tried={tried} />
      <ErrorNote error={error} />
      <Btn onClick={submit} busy={busy} testId="join-submit">
        {t('join.submit')}
      </Btn>
    </PageShell>
  );
}
