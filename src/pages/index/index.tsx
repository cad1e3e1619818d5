import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { StaffRoles } from '@core/api/roles';
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

const NAV = {
  enterprises: { page: 'enterprises', title: 'staffNav.enterprises', text: 'staffNav.enterprises.text' },
  codes: { page: 'codes', title: 'staffNav.codes', text: 'staffNav.codes.text' },
  volunteers: { page: 'volunteers', title: 'staffNav.volunteers', text: 'staffNav.volunteers.text' },
  users: { page: 'users', title: 'staffNav.users', text: 'staffNav.users.text' },
  audit: { page: 'audit', title: 'staffNav.audit', text: 'staffNav.audit.text' },
  visits: { page: 'visits', title: 'staffNav.visits', text: 'staffNav.visits.text' },
  problems: { page: 'problems', title: 'staffNav.problems', text: 'staffNav.problems.text' },
  dashboard: { page: 'dashboard', title: 'staffNav.dashboard', text: 'staffNav.dashboard.text' },
  exports: { page: 'exports', title: 'staffNav.exports', text: 'staffNav.exports.text' },
  master: { page: 'master', title: 'staffNav.master', text: 'staffNav.master.text' },
  review: { page: 'review', title: 'staffNav.review', text: 'staffNav.review.text' },
} as const;

/** Staff screens each role may open (the admin function enforces the same rules). */
const STAFF_PAGES: Partial<Record<Me['role'], (typeof NAV)[keyof typeof NAV][]>> = {
  staff: [NAV.visits, NAV.dashboard, NAV.problems, NAV.exports, NAV.enterprises, NAV.master, NAV.codes, NAV.volunteers, NAV.review, NAV.users, NAV.audit],
  admin: [NAV.visits, NAV.dashboard, NAV.problems, NAV.exports, NAV.enterprises, NAV.master, NAV.codes, NAV.volunteers, NAV.review, NAV.users, NAV.audit],
  instructor: [NAV.visits, NAV.dashboard, NAV.problems, NAV.enterprises, NAV.codes, NAV.users],
};

const go = (url: string) => void Taro.navigateTo({ url });

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

/** One link on home: a tile with its title (and a line of text). */
function Tile({ testId, url, title, text, before }: { testId: string; url: string; title: string; text?: string; before?: () => Promise<void> }) {
  return (
    <View className="tile" hoverClass="btn--hover" data-testid={testId} onClick={() => (before ? void before().then(() => go(url)) : go(url))}>
      <View className="tile__title">{title}</View>
      {text ? <View className="tile__text">{text}</View> : null}
    </View>
  );
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
  }, [me.openid]);
  useDidShow(() => {
    if (useTodos.getState().items) void load();
  });
  return (
    <Card title={t('todo.title')} testId="home-todos">
      {items && items.length === 0 ? <View className="card__text">{t('todo.none')}</View> : null}
      {(items ?? []).map((i) => (
        <View key={i.key} className="todo-row" hoverClass="btn--hover" data-testid={`todo-${i.key}`} data-count={String(i.count)} onClick={() => go(`/${i.page}`)}>
          <View className="todo-row__label">{t(`todo.${i.key}` as MessageKey)}</View>
          <Badge kind="warn">{i.count}</Badge>
        </View>
      ))}
      <View className="todo-row" hoverClass="btn--hover" data-testid="home-inbox" data-count={String(unread)} onClick={() => go('/inbox/pages/index/index')}>
        <View className="todo-row__label">{t('inbox.title')}</View>
        {unread ? <Badge kind="bad">{unread}</Badge> : <View className="todo-row__none">{t('inbox.noneUnread')}</View>}
      </View>
    </Card>
  );
}

function StaffWorkbench({ role, t }: { role: Me['role']; t: TFunction }) {
  const pages = STAFF_PAGES[role] ?? [];
  return (
    <Card title={t('home.workbench')}>
      <View className="tiles">
        {pages.map((p) => (
          <Tile key={p.page} testId={`nav-${p.page}`} url={`/staff/pages/${p.page}/index`} title={t(p.title)} text={t(p.text)} before={() => askConsent(ConsentAt.staffDesk, consentText(t))} />
        ))}
      </View>
    </Card>
  );
}

/** Workers and enterprise liaisons ask questions; the Q&A card comes first for them. */
const asker = (me: Me) => me.role === 'worker' || me.role === 'manager';

type QaLink = 'ask' | 'mine' | 'faq' | 'queue';
const QA_LINKS: Record<QaLink, { page: string; title: MessageKey }> = {
  ask: { page: 'ask', title: 'qaNav.ask' },
  mine: { page: 'mine', title: 'qaNav.mine' },
  faq: { page: 'faq', title: 'qaNav.faq' },
  queue: { page: 'queue', title: 'qaNav.queue' },
};

/** 每日一问诊 entries: askers ask and follow their questions, responders work the queue, everyone reads the FAQ. */
function QaSection({ me }: { me: Me }) {
  const t = useT();
  const responderVolunteer = me.role === 'volunteer' && me.volunteerStatus === 'approved';
  const staff = StaffRoles.includes(me.role);
  const links: QaLink[] = asker(me) ? ['ask', 'mine', 'faq'] : responderVolunteer || staff ? ['queue', 'faq'] : ['faq'];
  const title = (l: QaLink): MessageKey => (l === 'queue' && responderVolunteer ? 'qaNav.queue.volunteer' : l === 'faq' && (me.role === 'staff' || me.role === 'admin') ? 'qaNav.faqManage' : QA_LINKS[l].title);
  const text = responderVolunteer ? t('home.qa.volunteerText', { profession: meRoleLabel(t, me) }) : staff ? t('home.qa.staffText') : t('home.qa.text');
  return (
    <Card title={t('home.qa.title')} testId="home-qa">
      <View className="card__text">{text}</View>
      <View className="tiles" style={{ marginTop: '8px' }}>
        {links.map((l) => (
          <Tile key={l} testId={`nav-qa-${l}`} url={`/qa/pages/${QA_LINKS[l].page}/index`} title={t(title(l))} />
        ))}
      </View>
    </Card>
  );
}

type ClinicLink = 'index' | 'book' | 'mine' | 'duties' | 'roster';
const CLINIC_TITLES: Record<ClinicLink, MessageKey> = { index: 'clinicNav.index', book: 'clinicNav.book', mine: 'clinicNav.mine', duties: 'clinicNav.duties', roster: 'clinicNav.roster' };

/** 三师坐诊 entries: everyone sees who is on duty; bookers book, volunteers their duties, staff the roster. */
function ClinicSection({ me }: { me: Me }) {
  const t = useT();
  const links: ClinicLink[] = asker(me)
    ? ['index', 'book', 'mine']
    : me.role === 'volunteer' && me.volunteerStatus === 'approved'
      ? ['index', 'duties']
      : StaffRoles.includes(me.role)
        ? ['index', 'roster']
        : ['index'];
  return (
    <Card title={t('home.clinic.title')} testId="home-clinic">
      <View className="card__text">{t('home.clinic.text')}</View>
      <View className="tiles" style={{ marginTop: '8px' }}>
        {links.map((l) => (
          <Tile key={l} testId={l === 'index' ? 'nav-clinic' : `nav-clinic-${l}`} url={`/clinic/pages/${l}/index`} title={t(CLINIC_TITLES[l])} />
        ))}
      </View>
    </Card>
  );
}

type TicketLink = { hook: string; url: string; title: MessageKey };
const TICKET_LINKS: Record<'submit' | 'mine' | 'todo' | 'desk' | 'agenda' | 'catalogue', TicketLink> = {
  submit: { hook: 'nav-tickets-submit', url: '/tickets/pages/submit/index', title: 'ticketsNav.submit' },
  mine: { hook: 'nav-tickets', url: '/tickets/pages/list/index', title: 'ticketsNav.mine' },
  todo: { hook: 'nav-tickets', url: '/tickets/pages/list/index', title: 'ticketsNav.todo' },
  desk: { hook: 'nav-tickets', url: '/tickets/pages/list/index', title: 'ticketsNav.desk' },
  agenda: { hook: 'nav-tickets-agenda', url: '/tickets/pages/agenda/index', title: 'ticketsNav.agenda' },
  catalogue: { hook: 'nav-tickets-catalogue', url: '/tickets/pages/catalogue/index', title: 'ticketsNav.catalogue' },
};
const TICKET_PAGES: Partial<Record<Me['role'], TicketLink[]>> = {
  manager: [TICKET_LINKS.submit, TICKET_LINKS.mine],
  unit: [TICKET_LINKS.todo],
  instructor: [TICKET_LINKS.desk, TICKET_LINKS.agenda],
  staff: [TICKET_LINKS.desk, TICKET_LINKS.agenda, TICKET_LINKS.catalogue],
  admin: [TICKET_LINKS.desk, TICKET_LINKS.agenda, TICKET_LINKS.catalogue],
};

/** 企业诉求 entries: managers order, units take, the community passes on, dispatches and meets monthly. */
function TicketsSection({ me }: { me: Me }) {
  const t = useT();
  const links = TICKET_PAGES[me.role];
  if (!links) return null;
  return (
    <Card title={t('home.tickets.title')} testId="home-tickets">
      <View className="card__text">{t('home.tickets.text')}</View>
      <View className="tiles" style={{ marginTop: '8px' }}>
        {links.map((l) => (
          <Tile key={l.hook} testId={l.hook} url={l.url} title={t(l.title)} before={l.hook === 'nav-tickets' && me.role !== 'manager' ? () => askConsent(ConsentAt.staffDesk, consentText(t)) : undefined} />
        ))}
      </View>
    </Card>
  );
}

type RevisitLink = { hook: string; page: string; title: MessageKey };
const REVISIT_LINKS: Record<'pending' | 'survey' | 'campaigns' | 'forms' | 'followUps' | 'figures', RevisitLink> = {
  pending: { hook: 'nav-revisit-pending', page: 'pending', title: 'revisitNav.pending' },
  survey: { hook: 'nav-revisit-survey', page: 'surveys', title: 'revisitNav.survey' },
  campaigns: { hook: 'nav-revisit-campaigns', page: 'campaigns', title: 'revisitNav.campaigns' },
  forms: { hook: 'nav-revisit-forms', page: 'forms', title: 'revisitNav.forms' },
  followUps: { hook: 'nav-revisit-follow-ups', page: 'follow-ups', title: 'revisitNav.followUps' },
  figures: { hook: 'nav-revisit-figures', page: 'figures', title: 'revisitNav.figures' },
};
const REVISIT_PAGES: Partial<Record<Me['role'], RevisitLink[]>> = {
  worker: [REVISIT_LINKS.pending],
  manager: [REVISIT_LINKS.pending, REVISIT_LINKS.survey],
  instructor: [REVISIT_LINKS.campaigns, REVISIT_LINKS.followUps, REVISIT_LINKS.figures],
  staff: [REVISIT_LINKS.campaigns, REVISIT_LINKS.forms, REVISIT_LINKS.followUps, REVISIT_LINKS.figures],
  admin: [REVISIT_LINKS.campaigns, REVISIT_LINKS.forms, REVISIT_LINKS.followUps, REVISIT_LINKS.figures],
};

/** 满意度评价 entries: the served rate their cases (with the count still to rate), managers answer the yearly revisit, staff run it. */
function RevisitSection({ me }: { me: Me }) {
  const t = useT();
  const count = usePendingCases((s) => s.items?.length);
  const loadCount = usePendingCases((s) => s.load);
  const links = REVISIT_PAGES[me.role];
  const served = asker(me);
  useEffect(() => {
    if (served) void loadCount();
  }, [me.openid]);
  // Back on home after rating: the count follows (the first show is the mount's load above).
  useDidShow(() => {
    if (served && usePendingCases.getState().items) void loadCount();
  });
  if (!links) return null;
  return (
    <Card title={t('home.revisit.title')} testId="home-revisit">
      <View className="card__text">{t(served ? 'home.revisit.text' : 'home.revisit.staffText')}</View>
      <View className="tiles" style={{ marginTop: '8px' }}>
        {links.map((l) => (
          <View key={l.hook} className="tile" hoverClass="btn--hover" data-testid={l.hook} data-count={l.page === 'pending' ? String(count ?? '') : undefined} onClick={() => go(`/revisit/pages/${l.page}/index`)}>
            <View className="tile__title">
              {t(l.title)}
              {l.page === 'pending' && count ? <Badge kind="warn">{count}</Badge> : null}
            </View>
          </View>
        ))}
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
      return <StaffWorkbench role={me.role} t={t} />;
    case 'unit':
      return (
        <Card title={t('home.unit.title')}>
          <View className="card__text">{t('home.unit.text')}</View>
        </Card>
      );
    case 'district':
      return (
        <Card title={t('home.district.title')} testId="home-district">
          <View className="card__text">{t('home.district.text')}</View>
          <View className="tiles" style={{ marginTop: '8px' }}>
            <Tile testId="nav-district" url="/staff/pages/district/index" title={t('home.district.open')} />
          </View>
        </Card>
      );
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

  return (
    <PageShell titleKey="title.home" rootProps={{ 'data-testid': 'home', 'data-role': me?.role }}>
      {me ? (
        <>
          <WhoAmI me={me} />
          {me.role !== 'guest' ? <TodoSection me={me} /> : null}
          {/* An enterprise's demands are its liaison's main errand: first for managers. */}
          {me.role === 'manager' ? <TicketsSection me={me} /> : null}
          {asker(me) ? <QaSection me={me} /> : null}
          {asker(me) ? <ClinicSection me={me} /> : null}
          {asker(me) ? <RevisitSection me={me} /> : null}
          <RoleSection me={me} />
          {me.role !== 'manager' ? <TicketsSection me={me} /> : null}
          {!asker(me) ? <QaSection me={me} /> : null}
          {!asker(me) ? <ClinicSection me={me} /> : null}
          {!asker(me) ? <RevisitSection me={me} /> : null}
        </>
      ) : meStatus === 'error' ? (
        <ErrorNote error={meError} onRetry={() => void loadMe()} />
      ) : (
        <Loading />
      )}
    </PageShell>
  );
}
