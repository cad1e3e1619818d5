/**
 * Demo data for a fresh local environment: one industrial community, its enterprises (Chinese
 * and foreign-invested), a person of every role (core/api/demo-users.ts), an invite code, and
 * QR entry codes. Written through the same repositories and platform adapters the functions use,
 * so the shapes are the real ones. Seeding a folder that already has the community does nothing.
 */
import { PACKAGE_CALENDAR } from '../core/rules/holiday-calendar';
import { demoVisits } from '../server/modules/console/console-demo';
import type { ClinicStation } from '../core/api/clinic';
import { DemoUsers } from '../core/api/demo-users';
import type { Profession } from '../core/api/roles';
import { clinicSessions } from '../core/rules/clinic-calendar';
import { creditCodeCheckChar } from '../core/rules/credit-code';
import { dayKey, evaluationContribution, LIVE, liveTicketContribution, nest, questionContribution, sumContributions, ticketContribution } from '../core/rules/figures';
import { addDays, shanghaiDate } from '../core/rules/working-days';
import { ensureCollections, getDb } from '../server/db/client';
import { Collections } from '../server/db/schema';
import { ENTRY_PAGE } from '../server/modules/organisation/admin.use-cases';
import { DEFAULT_SETTINGS } from '../server/modules/clinic/clinic-common';
import { dutyDoc } from '../server/modules/clinic/roster.use-cases';
import { demoForm, demoSatisfaction } from '../server/modules/revisit/revisit-demo';
import { demoCatalogue, demoTickets, demoUnits } from '../server/modules/tickets/tickets-demo';
import { backfillAgendaKeys } from '../server/modules/tickets/tickets-sweep';
import { bookOf } from '../server/platform/holiday-calendar';
import { communitiesRepository } from '../server/modules/organisation/community.repository';
import type { EnterpriseDoc } from '../server/modules/organisation/enterprise.repository';
import type { EntryCodeDoc } from '../server/modules/organisation/entry-code.repository';
import type { UserDoc } from '../server/modules/organisation/user.repository';
import { uploadBytes } from '../server/platform/storage';
import { getUnlimitedCode } from '../server/platform/wx-open-api';
import { pointSdkAt } from './lib/sdk-env';

export const DEMO_COMMUNITY_ID = 'xingping';
export const DEMO_INVITE_CODE = 'YSQCMGR2';
export const DEMO_SCENES = { enterprise: 'E-YSQC', workshop: 'W-YSCY', station: 'S-XPKZ', brenner: 'E-BRNR' } as const;

export const DEMO_STATION: ClinicStation = {
  name: '兴平工业社区服务联络站',
  nameEn: 'Xingping Community Liaison Station',
  address: '平湖市兴平路 66 号 社区党群服务中心一楼',
  addressEn: '1F, Community Service Centre, 66 Xingping Road, Pinghu',
  latitude: 30.70893,
  longitude: 121.04127,
  phone: '0573-85012345',
};

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

const enterprises: Omit<EnterpriseDoc, 'createdAt' | 'createdBy' | 'communityId'>[] = [
  { _id: 'ent-yongsen', name: '嘉兴甬森汽车零部件有限公司', nameEn: 'Jiaxing Yongsen Auto Parts Co., Ltd.', creditCode: withCheck('91330482MA2B7YH01'), address: '平湖市兴平路 88 号', contactName: '王海燕', contactPhone: '13857301234', workshops: ['冲压车间', '焊装车间', '总装车间'] },
  { _id: 'ent-xpmould', name: '兴平精密模具有限公司', nameEn: 'Xingping Precision Moulds Co., Ltd.', creditCode: withCheck('91330482MA2C8XP02'), address: '平湖市兴平路 126 号', contactName: '钱永福', contactPhone: '13967305678', workshops: ['机加工车间', '热处理车间'], instructorOpenid: 'demo-instructor-huang' },
  { _id: 'ent-brenner', name: '布伦纳精密机械（平湖）有限公司', nameEn: 'Brenner Precision Machinery (Pinghu) Co., Ltd.', creditCode: withCheck('91330482MA2D9BR03'), address: '平湖市新华北路 501 号', contactName: 'Anna Schmidt', contactPhone: '13600573456', workshops: ['装配车间 Assembly', '质检中心 QA'], instructorOpenid: 'demo-instructor-huang' },
  { _id: 'ent-huaxin', name: '平湖华信光电科技有限公司', nameEn: 'Pinghu Huaxin Optoelectronics Co., Ltd.', creditCode: withCheck('91330482MA2E1HX04'), address: '平湖市兴平三路 19 号', contactName: '孔德明', contactPhone: '13706737890', workshops: ['镀膜车间', '封装车间'] },
  { _id: 'ent-lvkang', name: '绿康食品（嘉兴）有限公司', nameEn: 'Lvkang Foods (Jiaxing) Co., Ltd.', creditCode: withCheck('91330482MA2F2LK05'), address: '平湖市兴平四路 7 号', contactName: '沈丽', contactPhone: '13505832468', workshops: ['包装车间'] },
];

/** Who works where, for the demo users that belong to an enterprise or a profession. */
const placement: Record<string, Partial<UserDoc>> = {
  'demo-worker-li': { enterpriseId: 'ent-yongsen', workshop: '冲压车间' },
  'demo-worker-zhao': { enterpriseId: 'ent-xpmould', workshop: '机加工车间' },
  'demo-manager-wang': { enterpriseId: 'ent-yongsen', phone: '13857301234' },
  'demo-manager-schmidt': { enterpriseId: 'ent-brenner', phone: '13600573456', locale: 'en' },
  'demo-lawyer-chen': volunteer('lawyer', '浙江平湖律师事务所', '13900001111'),
  'demo-accountant-liu': volunteer('accountant', '嘉兴正信会计师事务所', '13900002222'),
  'demo-tax-zhou': volunteer('tax_advisor', '平湖税务师事务所', '13900003333'),
  'demo-finance-sun': volunteer('finance', '嘉兴银行平湖支行', '13900004444'),
  'demo-applicant-xu': { ...volunteer('lawyer', '嘉兴禾信律师事务所', '13900005555'), volunteerStatus: 'pending' },
  'demo-unit-hr': { unitId: 'unit-hrss' },
};

function volunteer(profession: Profession, organisation: string, phone: string): Partial<UserDoc> {
  return { profession, organisation, phone, volunteerStatus: 'approved' };
}

export interface SeedResult {
  seeded: boolean;
  users: number;
  enterprises: number;
}

export async function seedDemo(emulatorUrl?: string, now = new Date()): Promise<SeedResult> {
  if (emulatorUrl) pointSdkAt(emulatorUrl);
  await ensureCollections();
  if (await communitiesRepository.get(DEMO_COMMUNITY_ID)) return { seeded: false, users: 0, enterprises: 0 };

  const db = getDb();
  const add = (collection: string, docs: object[]) => Promise.all(docs.map((d) => db.collection(collection).add(d)));
  const by = 'demo-admin';

  await add(Collections.enterprises, enterprises.map((e) => ({ ...e, communityId: DEMO_COMMUNITY_ID, createdAt: now, createdBy: by })));
  await add(
    Collections.users,
    DemoUsers.filter((u) => u.role !== 'guest').map(
      (u): UserDoc => ({
        _id: u.openid,
        role: u.role as UserDoc['role'],
        communityId: DEMO_COMMUNITY_ID,
        name: u.name,
        locale: 'zh-CN',
        largeText: false,
        privacyAcceptedAt: now,
        createdAt: now,
        updatedAt: now,
        ...placement[u.openid],
      }),
    ),
  );
  await add(Collections.invites, [
    { _id: DEMO_INVITE_CODE, communityId: DEMO_COMMUNITY_ID, enterpriseId: 'ent-yongsen', maxUses: 5, uses: 0, expiresAt: new Date(now.getTime() + 365 * 86_400_000), createdAt: now, createdBy: 'demo-staff-zhang' },
  ]);

  const codes: Omit<EntryCodeDoc, 'fileID' | 'createdAt' | 'createdBy' | 'communityId' | 'disabled'>[] = [
    { _id: DEMO_SCENES.enterprise, kind: 'enterprise', enterpriseId: 'ent-yongsen', label: '嘉兴甬森汽车零部件有限公司' },
    { _id: DEMO_SCENES.workshop, kind: 'workshop', enterpriseId: 'ent-yongsen', workshop: '冲压车间', label: '嘉兴甬森汽车零部件有限公司 · 冲压车间' },
    { _id: DEMO_SCENES.brenner, kind: 'enterprise', enterpriseId: 'ent-brenner', label: '布伦纳精密机械（平湖）有限公司' },
    { _id: DEMO_SCENES.station, kind: 'station', label: '兴平工业社区 三师服务联络站' },
  ];
  for (const c of codes) {
    const fileID = await uploadBytes(`entry-codes/${DEMO_COMMUNITY_ID}/${c._id}.png`, await getUnlimitedCode(c._id, ENTRY_PAGE));
    await db.collection(Collections.entryCodes).add({ ...c, fileID, communityId: DEMO_COMMUNITY_ID, disabled: false, createdAt: now, createdBy: 'demo-staff-zhang' });
  }

  // The clinic's settings: the defaults, and where the clinic sits (the demo 服务联络站; a made-up
  // address and number in the demo community's town, GCJ-02 coordinates as wx.openLocation wants).
  await db.collection(Collections.clinicSettings).doc(DEMO_COMMUNITY_ID).set({ ...DEFAULT_SETTINGS, station: DEMO_STATION, active: true, updatedAt: now, updatedBy: 'demo-staff-zhang' });

  // The 三师 roster: the four demo professionals sit in the next three clinic sessions.
  const byOpenid = new Map(DemoUsers.map((u) => [u.openid, u]));
  const sessions = clinicSessions(DEFAULT_SETTINGS, { from: shanghaiDate(now), to: addDays(shanghaiDate(now), 21) }, PACKAGE_CALENDAR).filter((x) => x.startsAt > now).slice(0, 3);
  const roster = ['demo-lawyer-chen', 'demo-accountant-liu', 'demo-tax-zhou', 'demo-finance-sun'];
  await add(
    Collections.clinicDuties,
    sessions.flatMap((session) =>
      roster.map((openid) => {
        const p = placement[openid];
        const user = { _id: openid, name: byOpenid.get(openid)?.name, organisation: p.organisation } as UserDoc;
        const n = sessions.filter((x) => x.date.slice(0, 7) === session.date.slice(0, 7) && x.date < session.date).length;
        return dutyDoc(DEMO_COMMUNITY_ID, session, p.profession!, 0, user, n, 'booked', now);
      }),
    ),
  );

  // Enterprise demands: the member units and the dispatch catalogue (category → 主办/协办).
  await add(Collections.memberUnits, demoUnits(DEMO_COMMUNITY_ID));
  await add(Collections.dispatchCatalogue, demoCatalogue(DEMO_COMMUNITY_ID, now, 'demo-staff-zhang'));
  const demands = demoTickets(DEMO_COMMUNITY_ID, now);
  await add(Collections.tickets, demands.tickets);
  await add(Collections.ticketCounters, [demands.counter]);

  // Satisfaction: the default yearly survey form, rated questions over the past months (figures), Brenner served this year.
  const form = demoForm(DEMO_COMMUNITY_ID, now, 'demo-staff-zhang');
  await add(Collections.surveyForms, [form.form]);
  await add(Collections.surveyFormVersions, [form.version]);
  const satisfaction = demoSatisfaction(DEMO_COMMUNITY_ID, now);
  await add(Collections.questions, satisfaction.questions);
  await add(Collections.qaMessages, satisfaction.messages);
  await add(Collections.evaluations, satisfaction.evaluations);
  await add(Collections.followUps, satisfaction.followUps);

  // Staff console: visits of the last weeks with their problems (one already a ticket).
  const visits = demoVisits(DEMO_COMMUNITY_ID, now);
  await add(Collections.visits, visits.visits);
  await add(Collections.tickets, visits.tickets);
  // Written straight to the database: the 会诊 agenda keys the acts would have kept, set by the
  // one-off backfill (docs/api.md, 每月一会诊) with the package calendar the demo community uses.
  await backfillAgendaKeys(DEMO_COMMUNITY_ID, now, bookOf([], []));

  // The figures (rollups) the dashboards read, counted from the cases written above: data written
  // straight to the database has none until counted (docs/figures.md).
  const counted = sumContributions([
    ...[...demands.tickets, ...visits.tickets].flatMap((t) => [ticketContribution(t), liveTicketContribution(t)]),
    ...satisfaction.questions.map(questionContribution),
    ...satisfaction.evaluations.map(evaluationContribution),
  ]);
  // (The document of now — open tickets overdue or escalated — has no day.)
  await add(Collections.dailyFigures, [...counted.values()].map((c) => ({ _id: dayKey(c.communityId, c.day), communityId: c.communityId, ...(c.day === LIVE ? {} : { day: c.day }), n: nest(c.figures), updatedAt: now })));

  // The community last: its presence is what marks a folder as seeded.
  await db.collection(Collections.communities).add({ _id: DEMO_COMMUNITY_ID, name: '兴平工业社区', nameEn: 'Xingping Industrial Community', district: '浙江省平湖市', createdAt: now });
  return { seeded: true, users: DemoUsers.length, enterprises: enterprises.length };
}

if (require.main === module) {
  const url = process.argv[2] || process.env.EMULATOR_URL || 'http://127.0.0.1:9000';
  seedDemo(url)
    .then((r) => console.log(r.seeded ? `seeded ${r.enterprises} enterprises and ${r.users} users into ${url}` : `already seeded: ${url}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
