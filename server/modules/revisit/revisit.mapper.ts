/** Documents → the views of core/api/revisit.ts. Staff-only fields only when asked for. */
import type { CampaignTargetView, CampaignView, EvaluationView, FollowUpView, SurveyForm, SurveyResponseView } from '../../../core/api/revisit';
import { mean, share } from '../../../core/rules/satisfaction';
import type { BookingDoc } from '../clinic';
import type { CampaignDoc, EvaluationDoc, FollowUpDoc, FormDoc, FormVersionDoc, ResponseDoc, TargetDoc } from './revisit.repository';

const iso = (d: Date | string) => new Date(d).toISOString();

export function evaluationView(e: EvaluationDoc, staffSide: boolean): EvaluationView {
  const v: EvaluationView = { id: e._id, caseKind: e.caseKind, caseId: e.caseId, caseTitle: e.caseTitle, scores: e.scores, overall: e.overall, at: iso(e.at) };
  if (e.comment) v.comment = e.comment;
  if (e.consequence) v.consequence = e.consequence.followUpId ? { kind: e.consequence.kind, followUpId: e.consequence.followUpId } : { kind: e.consequence.kind };
  if (staffSide) {
    if (e.raterName) v.raterName = e.raterName;
    if (e.enterpriseName) v.enterpriseName = e.enterpriseName;
  }
  return v;
}

export function followUpView(f: FollowUpDoc): FollowUpView {
  const v: FollowUpView = { id: f._id, source: f.source, reason: f.reason, score: f.score, status: f.status, createdAt: iso(f.createdAt) };
  if (f.caseKind) v.caseKind = f.caseKind;
  if (f.caseId) v.caseId = f.caseId;
  if (f.enterpriseId) v.enterpriseId = f.enterpriseId;
  if (f.enterpriseName) v.enterpriseName = f.enterpriseName;
  if (f.resolution) v.resolution = f.resolution;
  if (f.doneAt) v.doneAt = iso(f.doneAt);
  if (f.doneByName) v.doneByName = f.doneByName;
  return v;
}

export function formView(f: FormDoc | FormVersionDoc, id: string): SurveyForm {
  const v: SurveyForm = { id, title: f.title, version: f.version, questions: f.questions, updatedAt: iso(f.updatedAt) };
  if (f.updatedByName) v.updatedByName = f.updatedByName;
  return v;
}

export function campaignView(c: CampaignDoc): CampaignView {
  const v: CampaignView = {
    id: c._id,
    year: c.year,
    formId: c.formId,
    formVersion: c.formVersion,
    title: c.title,
    status: c.status,
    launchedAt: iso(c.launchedAt),
    targets: c.targets,
    responded: c.responded,
    responseRate: share(c.responded, c.targets),
  };
  if (c.scored > 0) {
    v.averageScore = mean(c.scoreSum, c.scored);
    v.satisfactionRate = share(c.satisfied, c.scored);
  }
  return v;
}

export function targetView(t: TargetDoc): CampaignTargetView {
  const v: CampaignTargetView = { enterpriseId: t.enterpriseId, enterpriseName: t.enterpriseName, served: t.served, status: t.status, reminders: t.reminders ?? 0 };
  if (t.answeredAt) v.answeredAt = iso(t.answeredAt);
  if (t.via) v.via = t.via;
  if (t.recordedByName) v.recordedByName = t.recordedByName;
  if (t.contactName) v.contactName = t.contactName;
  if (t.lastRemindedAt) v.lastRemindedAt = iso(t.lastRemindedAt);
  if (t.score !== undefined) v.score = t.score;
  if (t.followUpId) v.followUpId = t.followUpId;
  return v;
}

export function responseView(r: ResponseDoc): SurveyResponseView {
  const v: SurveyResponseView = {
    id: r._id,
    campaignId: r.campaignId,
    enterpriseId: r.enterpriseId,
    enterpriseName: r.enterpriseName,
    formId: r.formId,
    formVersion: r.formVersion,
    answers: r.answers,
    via: r.via,
    at: iso(r.at),
  };
  if (r.score !== undefined) v.score = r.score;
  return v;
}

const ProfessionNames: Record<string, string> = { lawyer: '律师', accountant: '会计师', tax_advisor: '税务师', finance: '金融专员' };
/** A consultation as a case to rate: "三师坐诊·律师 2026-11-20". */
export const consultationTitle = (b: Pick<BookingDoc, 'profession' | 'sessionDate'>) => `三师坐诊·${ProfessionNames[b.profession] ?? b.profession} ${b.sessionDate}`;
