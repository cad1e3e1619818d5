import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { DemoUsers } from '@core/api/demo-users';
import { PageShell } from '../../components/page-frame';
import { Badge, Card, PageHead } from '../../components/ui';
import { devLoginEnabled, isH5 } from '../../env';
import { useT } from '../../i18n';
import { roleLabel } from '../../labels';
import { getDevOpenid, newGuestOpenid, setDevOpenid } from '../../services/identity';
import { resetUserData } from '../../store';

/**
 * Development builds only: act as any demo user (or as a brand-new visitor). The chosen openid
 * is what the H5 API client sends as X-Openid; production builds never list anyone.
 */
export default function LoginPage() {
  const t = useT();
  const [current] = useState(getDevOpenid);

  const choose = (openid: string) => {
    setDevOpenid(openid);
    resetUserData();
    void Taro.reLaunch({ url: '/pages/index/index' });
  };

  if (!devLoginEnabled()) {
    return (
      <PageShell titleKey="title.login" session={false} rootProps={{ 'data-testid': 'login', 'data-enabled': 'false' }}>
        <PageHead title={t('login.title')} />
        <Card>
          <View className="card__text">{t('login.unavailable')}</View>
        </Card>
      </PageShell>
    );
  }

  return (
    <PageShell titleKey="title.login" session={false} rootProps={{ 'data-testid': 'login', 'data-enabled': 'true' }}>
      <PageHead title={t('login.title')} subtitle={t('login.subtitle')} />
      {!isH5() ? <View className="dev-banner">{t('login.weappNote')}</View> : null}
      <Card>
        {DemoUsers.map((u) => (
          <View key={u.openid} className="link-row" hoverClass="btn--hover" data-testid={`login-${u.openid}`} onClick={() => choose(u.openid)}>
            <View>
              <View className="list-item__title">
                {u.name}
                <Badge kind={u.openid === current ? 'ok' : undefined}>{roleLabel(t, u.role)}</Badge>
                {u.openid === current ? <Badge kind="ok">{t('login.current')}</Badge> : null}
              </View>
              <View className="list-item__meta">{u.note}</View>
              <View className="list-item__meta">{u.openid}</View>
            </View>
            <View className="link-row__arrow">›</View>
          </View>
        ))}
        <View className="link-row" hoverClass="btn--hover" data-testid="login-new-visitor" onClick={() => choose(newGuestOpenid())}>
          <View>
            <View className="list-item__title">{t('login.newVisitor')}</View>
            <View className="list-item__meta">{t('login.newVisitor.text')}</View>
          </View>
          <View className="link-row__arrow">›</View>
        </View>
      </Card>
    </PageShell>
  );
}
