/**
 * Satisfaction demo data, written by scripts/seed.ts: the default yearly survey form (zh + en),
 * and answered Q&A questions with their ratings spread over the past months (one of them poor,
 * with its open follow-up), plus the rating of the closed demo power-supply ticket, so the
 * figures have data. Brenner (Anna Schmidt) asked a question this Beijing year, so a campaign of
 * the current year targets Brenner. No campaign is launched here: staff launch it.
 */
import type { CaseKind, Scores, SurveyQuestion } from '../../../core/api/revisit';
import { beijingYearMonth, beijingYearRange, isPoor, isSatisfied, npsSide, overallScore } from '../../../core/rules/satisfaction';
import type { QaMessageDoc } from '../qa';
import type { QuestionDoc } from '../qa';
import type { EvaluationDoc, FollowUpDoc, FormDoc, FormVersionDoc } from './revisit.repository';

export const DEMO_FORM_ID = 'sf-demo-yearly';
const DAY = 86_400_000;
const HOUR = 3_600_000;

const opt = (id: string, zh: string, en: string) => ({ id, text: { zh, en } });

export const DEMO_FORM_QUESTIONS: SurveyQuestion[] = [
  { id: 'q1', kind: 'rating', required: true, scored: true, text: { zh: '您对社区今年的服务总体满意吗？', en: 'Overall, how satisfied are you with the community’s service this year?' } },
  { id: 'q2', kind: 'rating', required: true, scored: true, text: { zh: '诉求和问题的办理速度', en: 'How quickly were your requests and questions handled?' } },
  {
    id: 'q3',
    kind: 'multiple',
    required: true,
    text: { zh: '今年您用过哪些服务？', en: 'Which services did you use this year?' },
    options: [opt('qa', '每日一问诊', 'Daily Q&A'), opt('clinic', '三师坐诊', 'Clinic consultations'), opt('tickets', '企业点单', 'Enterprise requests'), opt('policy', '政策推送', 'Policy updates')],
  },
  {
    id: 'q4',
    kind: 'single',
    required: true,
    text: { zh: '您会向其他企业推荐社区服务吗？', en: 'Would you recommend the community’s service to other enterprises?' },
    options: [opt('yes', '会', 'Yes'), opt('maybe', '不一定', 'Maybe'), opt('no', '不会', 'No')],
  },
  { id: 'q5', kind: 'text', required: false, text: { zh: '您的意见和建议', en: 'Your comments and suggestions' } },
];

export function demoForm(communityId: string, now: Date, by: string): { form: FormDoc; version: FormVersionDoc } {
  const body = { communityId, title: { zh: '年度企业满意度回访问卷', en: 'Annual enterprise satisfaction survey' }, version: 1, questions: DEMO_FORM_QUESTIONS, updatedAt: now, updatedBy: by, updatedByName: '张敏' };
  return { form: { _id: DEMO_FORM_ID, ...body }, version: { _id: `${DEMO_FORM_ID}:1`, formId: DEMO_FORM_ID, ...body } };
}

interface Rated {
  caseKind: CaseKind;
  caseId: string;
  caseTitle: string;
  communityId: string;
  rater: { openid: string; name: string; role: string };
  scores: Scores;
  comment?: string;
  at: Date;
  category: string;
  enterprise?: { id: string; name: string };
  unit?: { id: string; name: string };
  volunteer?: { openid: string; name: string };
  followUpId?: string;
}

export function demoEvaluation(r: Rated): EvaluationDoc {
  const overall = overallScore(r.scores);
  const side = npsSide(overall);
  const doc: EvaluationDoc = {
    _id: `${r.caseKind}:${r.caseId}:${r.rater.openid}`,
    communityId: r.communityId,
    caseKind: r.caseKind,
    caseId: r.caseId,
    caseTitle: r.caseTitle,
    raterOpenid: r.rater.openid,
    raterName: r.rater.name,
    raterRole: r.rater.role,
    scores: r.scores,
    overall,
    at: r.at,
    ...beijingYearMonth(r.at),
    category: r.category,
    categoryKey: `${r.caseKind}.${r.category}`,
    satisfied: isSatisfied(overall) ? 1 : 0,
    promoter: side === 'promoter' ? 1 : 0,
    detractor: side === 'detractor' ? 1 : 0,
  };
  if (r.comment) doc.comment = r.comment;
  if (r.enterprise) Object.assign(doc, { enterpriseId: r.enterprise.id, enterpriseName: r.enterprise.name });
  if (r.unit) Object.assign(doc, { unitId: r.unit.id, unitName: r.unit.name });
  if (r.volunteer) Object.assign(doc, { volunteerOpenid: r.volunteer.openid, volunteerName: r.volunteer.name });
  if (isPoor(overall)) doc.consequence = r.caseKind === 'ticket' ? { kind: 'reopened' } : { kind: 'follow_up', followUpId: r.followUpId };
  return doc;
}

interface DemoQuestion {
  id: string;
  asker: { openid: string; name: string };
  enterprise: { id: string; name: string };
  title: string;
  description: string;
  category: QuestionDoc['category'];
  profession?: QuestionDoc['profession'];
  volunteer: { openid: string; name: string };
  answer: string;
  daysAgo: number;
  scores: Scores;
  comment?: string;
}

const ZHAO = { openid: 'demo-worker-zhao', name: '赵建国' };
const XPMOULD = { id: 'ent-xpmould', name: '兴平精密模具有限公司' };
const CHEN = { openid: 'demo-lawyer-chen', name: '陈律师' };
const LIU = { openid: 'demo-accountant-liu', name: '刘会计' };
const ZHOU = { openid: 'demo-tax-zhou', name: '周税务师' };

const QUESTIONS: DemoQuestion[] = [
  { id: 'q-demo-overtime', asker: ZHAO, enterprise: XPMOULD, title: '周末加班费怎么算', description: '周六加班一天，公司只给调休，可以要求加班费吗？', category: 'legal', profession: 'lawyer', volunteer: CHEN, answer: '休息日加班先安排补休，不能补休的按 200% 支付加班费。', daysAgo: 150, scores: { speed: 5, attitude: 5, result: 5 }, comment: '回答很清楚' },
  { id: 'q-demo-invoice', asker: ZHAO, enterprise: XPMOULD, title: '报销发票抬头写错了怎么办', description: '发票抬头少了“有限”两个字，还能报销吗？', category: 'accounting', profession: 'accountant', volunteer: LIU, answer: '抬头不符的发票不能入账，请联系开票方作废重开或红冲后重开。', daysAgo: 110, scores: { speed: 4, attitude: 5, result: 4 } },
  { id: 'q-demo-tax', asker: ZHAO, enterprise: XPMOULD, title: '个税专项附加扣除怎么填', description: '孩子上幼儿园，能不能扣除？在哪里填？', category: 'tax', profession: 'tax_advisor', volunteer: ZHOU, answer: '3 岁以上子女教育每月可扣 2000 元，在个人所得税 App“专项附加扣除填报”中填写。', daysAgo: 75, scores: { speed: 3, attitude: 4, result: 4 } },
  { id: 'q-demo-social', asker: ZHAO, enterprise: XPMOULD, title: '社保断缴一个月有影响吗', description: '换工作中间断了一个月社保，会影响买房资格吗？', category: 'legal', profession: 'lawyer', volunteer: CHEN, answer: '各地政策不同，平湖购房需连续缴纳，建议补缴，具体以住建部门口径为准。', daysAgo: 40, scores: { speed: 2, attitude: 3, result: 1 }, comment: '回答太笼统，没有解决问题' },
  { id: 'q-demo-leave', asker: ZHAO, enterprise: XPMOULD, title: '年假没休完能折算工资吗', description: '今年还有 3 天年假没休，公司说作废。', category: 'hr', volunteer: { openid: 'demo-staff-zhang', name: '张敏' }, answer: '单位安排未休的年休假，应按日工资的 300% 支付（含正常工资）。', daysAgo: 12, scores: { speed: 5, attitude: 4, result: 5 } },
];

/** The demo's answered questions with their answers, ratings and the one follow-up. */
export function demoSatisfaction(communityId: string, now: Date): { questions: QuestionDoc[]; messages: QaMessageDoc[]; evaluations: EvaluationDoc[]; followUps: FollowUpDoc[] } {
  const questions: QuestionDoc[] = [];
  const messages: QaMessageDoc[] = [];
  const evaluations: EvaluationDoc[] = [];
  const followUps: FollowUpDoc[] = [];
  const add = (q: DemoQuestion, asked: Date) => {
    const answered = new Date(asked.getTime() + 4 * HOUR);
    const rated = new Date(answered.getTime() + 2 * HOUR);
    questions.push({
      _id: q.id,
      communityId,
      askerOpenid: q.asker.openid,
      askerName: q.asker.name,
      enterpriseId: q.enterprise.id,
      enterpriseName: q.enterprise.name,
      anonymous: false,
      title: q.title,
      description: q.description,
      category: q.category,
      ...(q.profession ? { profession: q.profession } : {}),
      attachments: [],
      status: 'solved',
      claimedBy: q.volunteer.openid,
      claimedByName: q.volunteer.name,
      dueAt: null,
      overdueNotified: true,
      messageCount: 1,
      // Answered within hours: well before the next working day's 18:00 (the dashboard's on-time share).
      firstAnsweredAt: answered,
      answeredOnTime: true,
      createdAt: asked,
      updatedAt: answered,
    });
    messages.push({ _id: `${q.id}-m1`, questionId: q.id, communityId, kind: 'answer', authorOpenid: q.volunteer.openid, authorRole: 'responder', authorName: q.volunteer.name, text: q.answer, attachments: [], createdAt: answered });
    const followUpId = isPoor(overallScore(q.scores)) ? `fu-demo-${q.id.slice(7)}` : undefined;
    const e = demoEvaluation({
      caseKind: 'question',
      caseId: q.id,
      caseTitle: q.title,
      communityId,
      rater: { ...q.asker, role: q.asker.openid.startsWith('demo-manager') ? 'manager' : 'worker' },
      scores: q.scores,
      comment: q.comment,
      at: rated,
      category: q.category,
      enterprise: q.enterprise,
      volunteer: q.volunteer,
      followUpId,
    });
    evaluations.push(e);
    if (followUpId) {
      followUps.push({
        _id: followUpId,
        communityId,
        source: { kind: 'evaluation', id: e._id },
        caseKind: 'question',
        caseId: q.id,
        enterpriseId: q.enterprise.id,
        enterpriseName: q.enterprise.name,
        reason: `${q.title} · 满意度评价 ${e.overall} 星${q.comment ? `：${q.comment}` : ''}`,
        score: e.overall,
        status: 'open',
        createdAt: rated,
      });
    }
  };
  for (const q of QUESTIONS) add(q, new Date(now.getTime() - q.daysAgo * DAY));

  // Brenner this Beijing year (a few days ago, never before 1 January): a target of this year's campaign.
  const startOfYear = beijingYearRange(beijingYearMonth(now).year).from;
  const brennerAsked = new Date(Math.max(now.getTime() - 3 * DAY, startOfYear.getTime() + HOUR));
  add(
    {
      id: 'q-demo-brenner-permit',
      asker: { openid: 'demo-manager-schmidt', name: 'Anna Schmidt' },
      enterprise: { id: 'ent-brenner', name: '布伦纳精密机械（平湖）有限公司' },
      title: 'Work permit renewal for our German engineer',
      description: 'Our engineer’s work permit expires next month. Which documents do we need for the renewal?',
      category: 'policy',
      volunteer: { openid: 'demo-staff-zhang', name: '张敏' },
      answer: 'Apply online 30 days before expiry with the passport, the labour contract and the health certificate; the community can check the file with you.',
      daysAgo: 0,
      scores: { speed: 5, attitude: 5, result: 4 },
      comment: 'Clear and quick, thank you',
    },
    brennerAsked,
  );

  // The closed demo power-supply ticket of 嘉兴甬森 was rated 5 stars (tickets-demo: evaluated 95 hours ago).
  evaluations.push(
    demoEvaluation({
      caseKind: 'ticket',
      caseId: 'tk-demo-power',
      caseTitle: '焊装车间计划停电影响交付',
      communityId,
      rater: { openid: 'demo-manager-wang', name: '王海燕', role: 'manager' },
      scores: { speed: 5, attitude: 5, result: 5 },
      comment: '协调及时',
      at: new Date(now.getTime() - 95 * HOUR),
      category: 'utilities',
      enterprise: { id: 'ent-yongsen', name: '嘉兴甬森汽车零部件有限公司' },
      unit: { id: 'unit-power', name: '供电公司' },
    }),
  );
  return { questions, messages, evaluations, followUps };
}
