/**
 * .xlsx exports for the district (made here with write-excel-file, stored in cloud storage under
 * exports/<community>/<id>.xlsx, downloaded through a temporary link). Chinese headers, one row per
 * record, Beijing times; phone numbers masked (138****5678) unless an admin asks for them
 * unmasked. Every export writes an `exports` record and an audit entry. At most 50,000 rows.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import type { ExportKind, ExportRecord, ExportResult, ProblemItem } from '../../../core/api/console';
import { ErrorCodes } from '../../../core/api/errors';
import { maskPhone } from '../../../core/rules/privacy';
import { shanghaiDate, shanghaiDateTime } from '../../../core/rules/working-days';
import { getDb } from '../../db/client';
import type { Selection } from '../../db/reads';
import { Collections } from '../../db/schema';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { temporaryUrls, uploadBytes } from '../../platform/storage';
import { consultationQueries } from '../clinic';
import { auditRepository, enterprisesRepository, type EnterpriseDoc } from '../organisation';
import { questionQueries } from '../qa';
import { revisitQueries } from '../revisit';
import { ticketQueries } from '../tickets';
import { communityOf, cursorDate, iso, page, periodOf, type Period } from './console-common';
import { loadProblemSources, problemItems } from './problems.use-cases';
import { visitsRepository } from './visits.repository';
import { xlsxWriter } from '../../platform/xlsx';

export const EXPORT_MAX_ROWS = 50_000;

export const KIND_LABEL: Record<ExportKind, string> = {
  tickets: '企业诉求',
  questions: '每日一问诊',
  consultations: '三师坐诊预约',
  visits: '驻企走访',
  survey_answers: '年度回访问卷',
  problems: '企业问题清单',
};

/**
 * The file's name is what the export screen calls the kind (src/staff/i18n: console.exports.kind.*)
 * and the day it was made: 企业诉求-2026-12-05.xlsx. The stored object carries that name as its last
 * path segment, so a browser saving the temporary link (cross-origin: `download` is ignored) and
 * WeChat's document viewer both show it, not the record id.
 */
export const SCREEN_NAME: Record<ExportKind, string> = {
  tickets: '企业诉求',
  questions: '问诊问题',
  consultations: '坐诊预约',
  visits: '走访记录',
  survey_answers: '回访问卷答卷',
  problems: '问题清单',
};

export function exportFileName(kind: ExportKind, madeAt: Date): string {
  return `${SCREEN_NAME[kind]}-${shanghaiDate(madeAt)}.xlsx`;
}

const TICKET_CATEGORY: Record<string, string> = {
  permit: '审批许可', subsidy: '政策兑现', recruiting: '招聘用工', utilities: '水电气保障', land: '用地规划', finance: '融资需求', legal: '法律纠纷', environment: '环保安全', other: '其他',
};
const TICKET_STATUS: Record<string, string> = {
  submitted: '已点单', accepted: '已传单', dispatched: '已派单', signed: '已接单', in_progress: '办理中', resolved: '已办结', evaluated: '已评价', closed: '已关闭', suspended: '已挂起', merged: '已并单',
};
const URGENCY: Record<string, string> = { normal: '一般', urgent: '紧急', critical: '特急' };
const RUNG = ['工业社区', '锋领企服队', '锋领企服联盟'];
const QA_CATEGORY: Record<string, string> = {
  legal: '法律', accounting: '会计', tax: '税务', finance: '金融', hr: '人力资源与招聘', policy: '政策与补贴', safety_env: '安全与环保', life: '生活服务', other: '其他',
};
const QA_STATUS: Record<string, string> = { open: '待认领', claimed: '已认领', awaiting_info: '待补充', answered: '已答复', solved: '已解决' };
const PROFESSION: Record<string, string> = { lawyer: '律师', accountant: '会计师', tax_advisor: '税务师', finance: '银行金融专员' };
const BOOKING_STATUS: Record<string, string> = { confirmed: '已预约', cancelled: '已取消', attended: '已到场', no_show: '未到场' };
const PROBLEM_STATUS: Record<string, string> = { open: '待处理', ticketed: '已转诉求', resolved: '已解决' };
const SOURCE: Record<string, string> = { visit: '走访', question: '问诊', ticket: '诉求', consultation: '坐诊' };
const VIA: Record<string, string> = { self: '企业自填', phone: '电话回访', onsite: '上门回访' };

type Cell = string | number | null;
interface Sheet {
  sheet: string;
  headers: string[];
  rows: Cell[][];
}

const time = (d: Date | string | undefined | null) => (d ? shanghaiDateTime(new Date(d)) : '');
const label = (map: Record<string, string>, key: string | undefined | null) => (key ? (map[key] ?? key) : '');

function tooLarge(n: number): DomainError {
  return new DomainError(ErrorCodes.EXPORT_TOO_LARGE, `${n} rows: an export holds at most ${EXPORT_MAX_ROWS}; choose a shorter period`);
}

/** Counts first (one request), then reads every page: a period over the limit is refused before anything is loaded. */
async function readChecked<T>(rows: Selection<T>): Promise<T[]> {
  const n = await rows.count();
  if (n > EXPORT_MAX_ROWS) throw tooLarge(n);
  return n === 0 ? [] : rows.all(EXPORT_MAX_ROWS);
}

const enterprisesOf = (ids: string[]): Promise<Map<string, EnterpriseDoc>> => enterprisesRepository.byIds(ids);

async function sheetOf(kind: ExportKind, communityId: string, p: Period, phone: (s?: string) => string, campaignId?: string): Promise<Sheet> {
  // Each sheet's rows are asked of the module that owns them (the console's own visits aside).
  switch (kind) {
    case 'tickets': {
      const docs = (await readChecked(ticketQueries.submittedBetween(communityId, p.start, p.end))).sort((a, b) => +new Date(a.submittedAt) - +new Date(b.submittedAt));
      const ents = await enterprisesOf(docs.map((d) => d.enterpriseId));
      return {
        sheet: KIND_LABEL.tickets,
        headers: ['编号', '标题', '企业', '企业联系人', '联系电话', '类别', '紧急程度', '状态', '层级', '点单时间', '办结时间', '来源', '诉求描述'],
        rows: docs.map((d) => {
          const e = ents.get(d.enterpriseId);
          return [d.number, d.title, e?.name ?? '', e?.contactName ?? '', phone(e?.contactPhone), label(TICKET_CATEGORY, d.category), label(URGENCY, d.urgency), label(TICKET_STATUS, d.status), RUNG[d.rung] ?? '', time(d.submittedAt), time(d.resolvedAt), d.source ? label(SOURCE, d.source.kind) : '企业点单', d.description];
        }),
      };
    }
    case 'questions': {
      const docs = (await readChecked(questionQueries.askedBetween(communityId, p.start, p.end))).sort((a, b) => +new Date(a.createdAt) - +new Date(b.createdAt));
      return {
        sheet: KIND_LABEL.questions,
        headers: ['标题', '类别', '状态', '提问人', '企业', '匿名', '提问时间', '首次答复时间', '按时答复', '答复人', '问题描述'],
        rows: docs.map((q) => [
          q.title, label(QA_CATEGORY, q.category), label(QA_STATUS, q.status), q.anonymous ? '匿名' : (q.askerName ?? ''), q.enterpriseName ?? '', q.anonymous ? '是' : '否',
          time(q.createdAt), time(q.firstAnsweredAt), q.firstAnsweredAt ? (q.answeredOnTime ? '是' : '否') : '', q.claimedByName ?? '', q.description,
        ]),
      };
    }
    case 'consultations': {
      const docs = (await readChecked(consultationQueries.onDates(communityId, p.from, p.to))).sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt));
      const ents = await enterprisesOf(docs.map((d) => d.enterpriseId ?? ''));
      return {
        sheet: KIND_LABEL.consultations,
        headers: ['日期', '开始时间', '专业', '预约人', '企业', '联系电话', '状态', '咨询问题', '咨询意见', '需跟进', '转为诉求'],
        rows: docs.map((b) => [
          b.sessionDate, time(b.startsAt), label(PROFESSION, b.profession), b.bookerName ?? '', b.enterpriseName ?? '', phone(b.enterpriseId ? ents.get(b.enterpriseId)?.contactPhone : undefined), label(BOOKING_STATUS, b.status),
          b.description, b.outcome?.advice ?? '', b.outcome ? (b.outcome.followUpNeeded ? '是' : '否') : '', b.ticketId ? '是' : '',
        ]),
      };
    }
    case 'visits': {
      const docs = (await readChecked(visitsRepository.onDates(communityId, p.from, p.to))).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : +new Date(a.createdAt) - +new Date(b.createdAt)));
      const ents = await enterprisesOf(docs.map((d) => d.enterpriseId));
      return {
        sheet: KIND_LABEL.visits,
        headers: ['走访日期', '企业', '联系电话', '走访人', '接待人', '走访话题', '问题数', '问题', '备注', '照片数', '记录时间'],
        rows: docs.map((v) => [
          v.date, v.enterpriseName, phone(ents.get(v.enterpriseId)?.contactPhone), v.visitorName ?? '', v.met, v.topics.join('、'), v.problems.length,
          v.problems.map((pr) => `${label(TICKET_CATEGORY, pr.category)}${pr.theme ? `/${pr.theme}` : ''}：${pr.description}（${label(PROBLEM_STATUS, pr.status)}${pr.ticketNumber ? ` ${pr.ticketNumber}` : ''}）`).join('\n'),
          v.notes ?? '', v.photos.length, time(v.createdAt),
        ]),
      };
    }
    case 'survey_answers': {
      // The year's campaign (function revisit; _id = <community>:<year>) unless one is named.
      const id = campaignId ?? `${communityId}:${p.to.slice(0, 4)}`;
      const campaign = await revisitQueries.campaignCommunity(id);
      if (campaignId && campaign !== communityId) throw notFound('campaign');
      const docs = campaign ? await readChecked(revisitQueries.responsesOf(id)) : [];
      const questionIds = [...new Set(docs.flatMap((d) => d.answers.map((a) => a.questionId)))];
      const ents = await enterprisesOf(docs.map((d) => d.enterpriseId));
      return {
        sheet: KIND_LABEL.survey_answers,
        headers: ['企业', '联系电话', '方式', '答卷时间', '得分', '代填人', '受访人', ...questionIds],
        rows: docs
          .sort((a, b) => +new Date(a.at) - +new Date(b.at))
          .map((d) => {
            const byQ = new Map(d.answers.map((a) => [a.questionId, a]));
            return [
              d.enterpriseName, phone(ents.get(d.enterpriseId)?.contactPhone), label(VIA, d.via), time(d.at), d.score ?? null, d.byName ?? '', d.contactName ?? '',
              ...questionIds.map((q) => {
                const a = byQ.get(q);
                if (!a) return '';
                return [a.rating !== undefined ? String(a.rating) : '', ...(a.choices ?? []), a.text ?? ''].filter(Boolean).join('；');
              }),
            ];
          }),
      };
    }
    case 'problems': {
      const items: ProblemItem[] = problemItems(await loadProblemSources(communityId, p));
      if (items.length > EXPORT_MAX_ROWS) throw tooLarge(items.length);
      items.sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : a.at < b.at ? -1 : 1));
      return {
        sheet: KIND_LABEL.problems,
        headers: ['类别', '主题', '来源', '企业', '问题描述', '状态', '时间'],
        rows: items.map((i) => [label(TICKET_CATEGORY, i.category), label({ ...QA_CATEGORY, ...TICKET_CATEGORY }, i.theme), label(SOURCE, i.source), i.enterpriseName ?? '', i.description, label(PROBLEM_STATUS, i.status), time(i.at)]),
      };
    }
  }
}

export async function buildXlsx(s: Sheet): Promise<Buffer> {
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const data = [s.headers.map(bold), ...s.rows.map((r) => r.map((value) => (value === null || value === '' ? null : { value })))];
  return (await xlsxWriter())([{ sheet: s.sheet.slice(0, 31), data, stickyRowsCount: 1, columns: s.headers.map((h) => ({ width: Math.min(60, Math.max(10, h.length * 2 + 4)) })) }]).toBuffer();
}

interface ExportDoc {
  _id: string;
  communityId: string;
  kind: ExportKind;
  from: string;
  to: string;
  campaignId?: string;
  fileName: string;
  fileID: string;
  rows: number;
  unmasked: boolean;
  byOpenid: string;
  byName?: string;
  createdAt: Date;
}

export async function exportData(ctx: ActionContext, input: { kind: ExportKind; from: string; to: string; campaignId?: string; unmasked?: boolean }): Promise<ExportResult> {
  const communityId = communityOf(ctx);
  // Phone numbers in full only for an admin (who answers for them); staff get them masked.
  if (input.unmasked && ctx.caller.role !== 'admin') throw forbidden('only an admin may export unmasked phone numbers');
  const p = periodOf(input.from, input.to);
  const unmasked = !!input.unmasked;
  const phone = (s?: string) => (s ? ((unmasked ? s : maskPhone(s)) ?? '') : '');
  const sheet = await sheetOf(input.kind, communityId, p, phone, input.campaignId);
  const bytes = await buildXlsx(sheet);
  const now = ctx.clock.now();
  const id = `ex-${randomBytes(10).toString('hex')}`;
  const fileName = exportFileName(input.kind, now);
  const fileID = await uploadBytes(`exports/${communityId}/${id}/${fileName}`, bytes);
  const doc: ExportDoc = { _id: id, communityId, kind: input.kind, from: p.from, to: p.to, fileName, fileID, rows: sheet.rows.length, unmasked, byOpenid: ctx.caller.openid, createdAt: now };
  if (input.campaignId) doc.campaignId = input.campaignId;
  if (ctx.caller.user?.name) doc.byName = ctx.caller.user.name;
  await getDb().collection(Collections.exports).add(doc);
  await auditRepository.append({ communityId, at: now, actorOpenid: ctx.caller.openid, action: 'export', to: input.kind, note: `${fileName} · ${doc.rows} 行${unmasked ? ' · 电话未脱敏' : ''} · ${id}` });
  const urls = await temporaryUrls([fileID]);
  return { id, kind: input.kind, fileName, fileID, url: urls.get(fileID) ?? '', rows: doc.rows, createdAt: iso(now) };
}

export async function listExports(ctx: ActionContext, input: { cursor?: string }): Promise<Page<ExportRecord>> {
  const _ = getDb().command;
  const where: Record<string, unknown> = { communityId: communityOf(ctx) };
  const before = cursorDate(input.cursor);
  if (before) where.createdAt = _.lt(before);
  const rows = (await getDb().collection(Collections.exports).where(where).orderBy('createdAt', 'desc').limit(21).get()).data as ExportDoc[];
  return page(
    rows,
    (d) => {
      const r: ExportRecord = { id: d._id, kind: d.kind, fileName: d.fileName, rows: d.rows, createdAt: iso(d.createdAt), unmasked: d.unmasked };
      if (d.byName) r.byName = d.byName;
      return r;
    },
    (d) => iso(d.createdAt),
  );
}
