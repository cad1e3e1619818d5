import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { Me } from '@core/api/user';
import { PageShell } from '../../components/page-frame';
import { Badge, Btn, Card, ErrorNote, Loading } from '../../components/ui';
import { useT, type MessageKey, type TFunction } from '../../i18n';
import { enterpriseName, meRoleLabel, roleLabel, volunteerStatusLabel } from '../../labels';
import { useAppStore } from '../../store';
import { getPendingScene } from '../../services/pending-scene';
import { usePendingCases } from '../../store/revisit/pending-count';
import { useTodos } from '../../store/notify-count';
import { askConsent, ConsentAt, preloadNotificationSettings } from '../../services/subscribe';
import { consentText } from '../../components/consent-text';
import { isAsker, type HomeCard, type HomeEntries } from '../../components/home-card';
import { clinicHomeEntries } from '../../clinic/home-entries';
import { qaHomeEntries } from '../../qa/home-entries';
import { revisitHomeEntries } from '../../revisit/home-entries';
import { districtHomeEntries, staffHomeEntries } from '../../staff/home-entries';
import { ticketsHomeEntries } from '../../tickets/home-entries';

const go = (url: string) => void Taro.navigateTo({ url });

/** The features' cards after 企业诉求, in home's order. */
const FEATURES: HomeEntries[] = [qaHomeEntries, clinicHomeEntries, revisitHomeEntries];

function WhoAmI({ me }: { me: Me }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const name = me.name || (me.role === 'guest' ? t('home.guestName') : t('home.unnamed'));
  const ent = enterpriseName(locale, me.enterprise);
  const community = locale === 'en' && me.communityNameEn ? me.communityNameEn : me.communityName;
  return (
    <Card className="card--accent" testId="whoami">
      <View className="whoami">
        {/* No name yet: the role's first letter, not the first letter of "未填写姓名". */}
        <View className="whoami__avatar">{(me.name || meRoleLabel(t, me)).slice(0, 1)}</View>
        <View className="whoami__body">
          <View className="whoami__name">
            {name}
            <Badge>{meRoleLabel(t, me)}</Badge>
            {me.role === 'volunteer' && me.volunteerStatus && me.volunteerStatus !== 'approved' ? <Badge kind={me.volunteerStatus === 'rejected' ? 'bad' : 'warn'}>{volunteerStatusLabel(t, me.volunteerStatus)}</Badge> : null}
          </View>
          {ent ? <View className="whoami__line">{me.workshop ? `${ent} · ${me.workshop}` : ent}</View> : null}
          {community ? <View className="whoami__line">{community}</View> : null}
          {me.role === 'guest' ? <View className="whoami__line">{t('home.guestLine')}</View> : null}
        </View>
      </View>
    </Card>
  );
}

/** One feature's card on home, as the feature declares it (its `home-entries.ts`). */
function HomeCardView({ me, card }: { me: Me; card: HomeCard }) {
  const t = useT();
  // 待评价's tile shows how many cases are still to rate; back on home after rating, the count follows.
  const counted = card.entries.some((e) => e.pendingCount);
  const count = usePendingCases((s) => s.items?.length);
  // The first page only: "20+" when there are more.
  const more = usePendingCases((s) => s.more);
  const loadCount = usePendingCases((s) => s.load);
  useEffect(() => {
    if (counted) void loadCount();
  }, [counted, loadCount, me.openid]);
  // (The first show is the mount's load above.)
  useDidShow(() => {
    if (counted && usePendingCases.getState().items) void loadCount();
  });
  return (
    <Card title={t(card.title)} testId={card.testId}>
      {card.text ? <View className="card__text">{card.text(t)}</View> : null}
      <View className="tiles" style={card.text ? { marginTop: '8px' } : undefined}>
        {card.entries.map((e) => (
          <View
            key={e.testId}
            className="tile"
            hoverClass="btn--hover"
            data-testid={e.testId}
            data-count={e.pendingCount ? String(count ?? '') : undefined}
            onClick={() => (e.deskConsent ? void askConsent(ConsentAt.staffDesk, consentText(t)).then(() => go(e.url)) : go(e.url))}
          >
            <View className="tile__title">
              {t(e.title)}
              {e.pendingCount && count ? <Badge kind="warn">{more ? t('todo.countMore', { n: count }) : count}</Badge> : null}
            </View>
            {e.text ? <View className="tile__text">{t(e.text)}</View> : null}
          </View>
        ))}
      </View>
    </Card>
  );
}

/** A feature's card for the reader, when their role has one. */
function FeatureCard({ me, entries }: { me: Me; entries: HomeEntries }) {
  const card = entries(me);
  return card ? <HomeCardView me={me} card={card} /> : null;
}

/**
 * 待办 first: each line its count and one tap to the list it counts; then 消息 with the unread
 * count. Staff see it above their desk's tiles.
 */
function TodoSection({ me }: { me: Me }) {
  const t = useT();
  const items = useTodos((s) => s.items);
  const unread = useTodos((s) => s.unread);
  const load = useTodos((s) => s.load);
  useEffect(() => {
    void load();
    void preloadNotificationSettings();
  }, [load, me.openid]);
  useDidShow(() => {
    if (useTodos.getState().items) void load();
  });
  return (
    <Card title={t('todo.title')} testId="home-todos">
      {items && items.length === 0 ? <View className="card__text">{t('todo.none')}</View> : null}
      {(items ?? []).map((i) => (
        <View key={i.key} className="todo-row" hoverClass="btn--hover" data-testid={`todo-${i.key}`} data-count={String(i.count)} onClick={() => go(`/${i.page}`)}>
          <View className="todo-row__label">{t(`todo.${i.key}` as MessageKey)}</View>
          <Badge kind="warn">{i.more ? t('todo.countMore', { n: i.count }) : i.count}</Badge>
        </View>
      ))}
      <View className="todo-row" hoverClass="btn--hover" data-testid="home-inbox" data-count={String(unread)} onClick={() => go('/inbox/pages/index/index')}>
        <View className="todo-row__label">{t('inbox.title')}</View>
        {unread ? <Badge kind="bad">{unread}</Badge> : <View className="todo-row__none">{t('inbox.noneUnread')}</View>}
      </View>
    </Card>
  );
}

function GuestActions({ t, showScan }: { t: TFunction; showScan: boolean }) {
  // A QR code scanned and its privacy notice declined: the way back to it.
  const pendingScene = showScan ? getPendingScene() : undefined;
  return (
    <>
      {pendingScene ? (
        <Card title={t('home.pending.title')} className="card--notice" testId="guest-pending">
          <View className="card__text">{t('home.pending.text')}</View>
          <View style={{ marginTop: '12px' }}>
            <Btn testId="guest-pending-review" onClick={() => go(`/pages/entry/index?scene=${encodeURIComponent(pendingScene)}`)}>
              {t('privacy.declined.review')}
            </Btn>
          </View>
        </Card>
      ) : null}
      {showScan ? (
        <Card title={t('home.scan.title')} testId="guest-scan">
          <View className="card__text">{t('home.scan.text')}</View>
          {(['home.scan.step1', 'home.scan.step2', 'home.scan.step3'] as const).map((k, i) => (
            <View key={k} className="steps__item">
              <View className="steps__num">{i + 1}</View>
              <View className="card__text">{t(k)}</View>
            </View>
          ))}
        </Card>
      ) : null}
      <Card title={t('home.join.title')}>
        <View className="card__text">{t('home.join.text')}</View>
        <View style={{ marginTop: '12px' }}>
          <Btn kind="secondary" testId="nav-join" onClick={() => go('/pages/join/index')}>
            {t('home.join.action')}
          </Btn>
        </View>
      </Card>
      <Card title={t('home.volunteer.title')}>
        <View className="card__text">{t('home.volunteer.text')}</View>
        <View style={{ marginTop: '12px' }}>
          <Btn kind="secondary" testId="nav-volunteer" onClick={() => go('/pages/volunteer/index')}>
            {t('home.volunteer.action')}
          </Btn>
        </View>
      </Card>
    </>
  );
}

function RoleSection({ me }: { me: Me }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const ent = enterpriseName(locale, me.enterprise) ?? '';
  switch (me.role) {
    case 'guest':
      return <GuestActions t={t} showScan />;
    case 'worker':
      return (
        <>
          <Card title={t('home.worker.title')}>
            <View className="card__text">{ent ? t('home.worker.text', { enterprise: ent }) : t('home.worker.noEnterprise')}</View>
            {!me.name ? (
              <View style={{ marginTop: '12px' }}>
                <View className="card__text">{t('home.worker.addName')}</View>
                <View style={{ marginTop: '12px' }}>
                  <Btn kind="secondary" testId="nav-me" onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
                    {t('home.worker.addName.action')}
                  </Btn>
                </View>
              </View>
            ) : null}
          </Card>
          <View className="section-title">{t('home.otherRoles')}</View>
          <GuestActions t={t} showScan={false} />
        </>
      );
    case 'manager':
      return (
        <Card title={t('home.manager.title')}>
          <View className="card__text">{t('home.manager.text', { enterprise: ent })}</View>
        </Card>
      );
    case 'volunteer': {
      const status = me.volunteerStatus ?? 'pending';
      const kind = status === 'approved' ? 'ok' : status === 'rejected' ? 'bad' : 'warn';
      return (
        <Card title={t('home.volunteer.status')} testId="volunteer-status" className={status === 'pending' ? 'card--notice' : undefined}>
          <View className="card__text">
            {me.profession ? meRoleLabel(t, me) : roleLabel(t, 'volunteer')}
            <Badge kind={kind}>{volunteerStatusLabel(t, status)}</Badge>
          </View>
          <View className="card__text" style={{ marginTop: '8px' }}>
            {t(`home.volunteer.${status}` as MessageKey)}
          </View>
        </Card>
      );
    }
    case 'staff':
    case 'instructor':
    case 'admin':
      return <FeatureCard me={me} entries={staffHomeEntries} />;
    case 'unit':
      return (
        <Card title={t('home.unit.title')}>
          <View className="card__text">{t('home.unit.text')}</View>
        </Card>
      );
    case 'district':
      return <FeatureCard me={me} entries={districtHomeEntries} />;
    default:
      return null;
  }
}

export default function HomePage() {
  const me = useAppStore((s) => s.me);
  const meStatus = useAppStore((s) => s.meStatus);
  const meError = useAppStore((s) => s.meError);
  const loadMe = useAppStore((s) => s.loadMe);

  // Coming back to home (e.g. after joining, or a role change by staff) shows the current truth.
  // (No pull-to-refresh: on H5 its wrapper swallows taps near the bottom of the page.)
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && useAppStore.getState().meStatus !== 'loading') void loadMe();
    shownOnce.current = true;
  });

  // Workers and enterprise liaisons are served: the features' cards come before their role's.
  const asker = !!me && isAsker(me);
  return (
    <PageShell titleKey="title.home" rootProps={{ 'data-testid': 'home', 'data-role': me?.role }}>
      {me ? (
        <>
          <WhoAmI me={me} />
          {me.role !== 'guest' ? <TodoSection me={me} /> : null}
          {/* An enterprise's demands are its liaison's main errand: first for managers. */}
          {me.role === 'manager' ? <FeatureCard me={me} entries={ticketsHomeEntries} /> : null}
          {asker ? FEATURES.map((entries, i) => <FeatureCard key={i} me={me} entries={entries} />) : null}
          <RoleSection me={me} />
          {me.role !== 'manager' ? <FeatureCard me={me} entries={ticketsHomeEntries} /> : null}
          {!asker ? FEATURES.map((entries, i) => <FeatureCard key={i} me={me} entries={entries} />) : null}
        </>
      ) : meStatus === 'error' ? (
        <ErrorNote error={meError} onRetry={() => void loadMe()} />
      ) : (
        <Loading />
      )}
    </PageShell>
  );
}
