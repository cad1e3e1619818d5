import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Field } from '../../components/field';
import { PageShell } from '../../components/page-frame';
import { Badge, Btn, Card, Chips, ErrorNote, PageHead, Toggle } from '../../components/ui';
import { useTodos } from '../../store/notify-count';
import { useWrite } from '../../components/use-write';
import { devLoginEnabled, isH5 } from '../../env';
import { useT } from '../../i18n';
import { enterpriseName, meRoleLabel } from '../../labels';
import { getDevOpenid } from '../../services/identity';
import { useAppStore } from '../../store';

export default function MePage() {
  const t = useT();
  const unread = useTodos((s) => s.unread);
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const largeText = useAppStore((s) => s.largeText);
  const settingsError = useAppStore((s) => s.settingsError);
  const setLocale = useAppStore((s) => s.setLocale);
  const setLargeText = useAppStore((s) => s.setLargeText);
  const saveName = useAppStore((s) => s.saveName);

  const [name, setName] = useState(me?.name ?? '');
  const { busy: saving, error: nameError, run } = useWrite();
  const [saved, setSaved] = useState(false);
  // The saved name changed (loaded, saved): the field shows it again.
  const [nameOf, setNameOf] = useState(me?.name);
  if (nameOf !== me?.name) {
    setNameOf(me?.name);
    setName(me?.name ?? '');
  }

  const signedIn = !!me && me.role !== 'guest';
  const trimmed = name.trim();

  const onSaveName = async () => {
    setSaved(false);
    await run({ name }, async (key) => {
      await saveName(trimmed, key);
      setSaved(true);
    });
  };

  const ent = enterpriseName(locale, me?.enterprise);

  return (
    <PageShell titleKey="title.me" rootProps={{ 'data-testid': 'me' }}>
      <PageHead title={t('me.title')} subtitle={me ? `${me.name || t('home.guestName')} · ${meRoleLabel(t, me)}${ent ? ` · ${ent}` : ''}` : undefined} />

      {me && me.role !== 'guest' ? (
        <Card>
          <View className="todo-row" hoverClass="btn--hover" data-testid="me-inbox" onClick={() => void Taro.navigateTo({ url: '/inbox/pages/index/index' })}>
            <View className="todo-row__label">{t('me.inbox')}</View>
            {unread ? <Badge kind="bad">{unread}</Badge> : null}
          </View>
          <View className="todo-row" hoverClass="btn--hover" data-testid="me-notifications" onClick={() => void Taro.navigateTo({ url: '/inbox/pages/settings/index' })}>
            <View className="todo-row__label">{t('me.notifications')}</View>
          </View>
          <View className="todo-row" hoverClass="btn--hover" data-testid="me-account" onClick={() => void Taro.navigateTo({ url: '/account/pages/index/index' })}>
            <View className="todo-row__label">{t('me.account')}</View>
          </View>
        </Card>
      ) : null}
      <Card title={t('me.language')}>
        <Chips
          options={[
            { value: 'zh-CN', label: '中文', testId: 'lang-zh' },
            { value: 'en', label: 'English', testId: 'lang-en' },
          ]}
          value={locale}
          onChange={(v) => void setLocale(v)}
        />
      </Card>

      <Card title={t('me.display')}>
        <Toggle on={largeText} onChange={(on) => void setLargeText(on)} label={t('me.largeText')} hint={t('me.largeText.hint')} testId="large-text" />
        {!signedIn ? <View className="muted" style={{ marginTop: '12px' }}>{t('me.localOnly')}</View> : null}
      </Card>
      <ErrorNote error={settingsError} />

      {signedIn ? (
        <Card title={t('me.name')}>
          <Field label={t('me.name.label')} value={name} onInput={(v) => { setName(v); setSaved(false); }} maxlength={30} testId="me-name" />
          <ErrorNote error={nameError} />
          {saved ? <View className="success-note">{t('me.name.saved')}</View> : null}
          <Btn onClick={onSaveName} busy={saving} disabled={!trimmed || trimmed === me?.name} testId="me-name-save">
            {t('common.save')}
          </Btn>
        </Card>
      ) : null}

      {isH5() && devLoginEnabled() ? (
        <Card title={t('me.dev')}>
          <View className="muted">{t('me.dev.current', { openid: getDevOpenid() ?? '-' })}</View>
          <View style={{ marginTop: '12px' }}>
            <Btn kind="ghost" testId="switch-user" onClick={() => void Taro.reLaunch({ url: '/pages/login/index' })}>
              {t('me.dev.switch')}
            </Btn>
          </View>
        </Card>
      ) : null}
    </PageShell>
  );
}
