/**
 * The subscription consent ledger: what each person answered in the subscribe-message dialog
 * (`wx.requestSubscribeMessage`), per openid × template id, and what it still allows.
 *
 *   one-time template   each `accept` allows one send; a send uses one up (none left: 43101)
 *   long-term template  an `accept` allows every send until the person `reject`s (长期订阅)
 *   `ban`               nothing is sent and the person is never asked again: later `accept`s answer
 *                       `ban` and grant nothing (WeChat's own 'ban' means the template is banned by
 *                       the platform; either way nothing reaches the person)
 *
 * `POST /__emulator/subscribe` plays the phone's dialog; `subscribeMessage.send` consumes here.
 * Durable like the outbox: every answer and every consumed consent is appended to
 * `<data>/subscriptions.jsonl` (replayed at start); `clear()` appends a clearing line.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ConsentAnswer = 'accept' | 'reject' | 'ban';
export const CONSENT_ANSWERS: readonly ConsentAnswer[] = ['accept', 'reject', 'ban'];
export type TemplateKind = 'one-time' | 'long-term';

/** The templates the mini-program has (ids as the WeChat console gives them). */
export interface SubscribeTemplates {
  oneTime?: string[];
  longTerm?: string[];
}

export interface ConsentEntry {
  openid: string;
  templateId: string;
  kind: TemplateKind;
  /** One-time: sends still allowed (one per accept). Long-term: 0 or 1 (subscribed or not). */
  remaining: number;
  banned: boolean;
  lastAnswer?: ConsentAnswer;
  answeredAt?: string;
  /** Sends this consent let through. */
  sent: number;
}

type LedgerLine =
  | { at: string; openid: string; templateId: string; answer: ConsentAnswer }
  | { at: string; openid: string; templateId: string; consumed: true }
  | { at: string; clear: string | null };

/** wx.requestSubscribeMessage: at most 5 templates per call (older pages say 3), one-time and long-term never mixed. */
export const MAX_TEMPLATES_PER_REQUEST = 5;
export const REQUEST_SUBSCRIBE_DOC = 'https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html';

export class ConsentRequestError extends Error {}

export class SubscriptionLedger {
  private readonly file: string;
  private readonly entries = new Map<string, ConsentEntry>();
  private readonly oneTime: Set<string>;
  private readonly longTerm: Set<string>;

  constructor(dataDir: string, templates: SubscribeTemplates = {}) {
    this.longTerm = new Set(templates.longTerm ?? []);
    this.oneTime = new Set((templates.oneTime ?? []).filter((id) => !this.longTerm.has(id)));
    this.file = path.join(dataDir, 'subscriptions.jsonl');
    if (existsSync(this.file)) {
      for (const raw of readFileSync(this.file, 'utf8').split('\n')) {
        if (!raw) continue;
        let line: LedgerLine;
        try {
          line = JSON.parse(raw) as LedgerLine;
        } catch {
          continue; // a torn last line after a crash: the answer was never acknowledged
        }
        this.apply(line);
      }
    }
  }

  /** The configured templates. */
  templates(): { oneTime: string[]; longTerm: string[] } {
    return { oneTime: [...this.oneTime].sort(), longTerm: [...this.longTerm].sort() };
  }

  kindOf(templateId: string): TemplateKind | undefined {
    return this.longTerm.has(templateId) ? 'long-term' : this.oneTime.has(templateId) ? 'one-time' : undefined;
  }

  /**
   * The person's answers in one dialog. Checks everything first (an error changes nothing), then
   * records each answer; answers what the dialog reports per template.
   */
  answer(openid: string, answers: Record<string, ConsentAnswer>): Record<string, ConsentAnswer> {
    const ids = Object.keys(answers);
    if (ids.length === 0) throw new ConsentRequestError('answers names no template: give { "<templateId>": "accept" | "reject" | "ban" }');
    if (ids.length > MAX_TEMPLATES_PER_REQUEST) {
      throw new ConsentRequestError(`one wx.requestSubscribeMessage asks for at most ${MAX_TEMPLATES_PER_REQUEST} templates, not ${ids.length} (${REQUEST_SUBSCRIBE_DOC})`);
    }
    const known = this.templates();
    for (const id of ids) {
      if (!this.kindOf(id)) {
        const list = [...known.oneTime, ...known.longTerm];
        throw new ConsentRequestError(`unknown template id ${JSON.stringify(id)}: the emulator knows ${list.length ? list.join(', ') : 'no templates (none configured)'}`);
      }
      const a = answers[id];
      if (!CONSENT_ANSWERS.includes(a)) throw new ConsentRequestError(`answer for ${id} must be "accept", "reject" or "ban", not ${JSON.stringify(a)}`);
    }
    if (new Set(ids.map((id) => this.kindOf(id))).size > 1) {
      throw new ConsentRequestError(`one-time and long-term templates cannot be asked in the same wx.requestSubscribeMessage (${REQUEST_SUBSCRIBE_DOC})`);
    }
    const results: Record<string, ConsentAnswer> = {};
    for (const id of ids) {
      const current = this.entries.get(key(openid, id));
      // A person who banned a template is not asked again: the dialog reports 'ban', nothing is granted.
      const answer = current?.banned ? 'ban' : answers[id];
      this.append({ at: new Date().toISOString(), openid, templateId: id, answer });
      results[id] = answer;
    }
    return results;
  }

  /** A send to `openid` with `templateId`: uses one consent (true) or finds none (false: 43101). */
  consume(openid: string, templateId: string): boolean {
    const e = this.entries.get(key(openid, templateId));
    if (!e || e.banned || e.remaining <= 0) return false;
    this.append({ at: new Date().toISOString(), openid, templateId, consumed: true });
    return true;
  }

  list(openid?: string): ConsentEntry[] {
    return [...this.entries.values()].filter((e) => !openid || e.openid === openid).map((e) => ({ ...e }));
  }

  /** Forgets one person's answers (as if they reset the mini-program's settings), or everyone's. */
  clear(openid?: string): void {
    this.append({ at: new Date().toISOString(), clear: openid ?? null });
  }

  private append(line: LedgerLine): void {
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    this.apply(line);
  }

  private apply(line: LedgerLine): void {
    if ('clear' in line) {
      for (const [k, e] of this.entries) if (line.clear === null || e.openid === line.clear) this.entries.delete(k);
      return;
    }
    const kind = this.kindOf(line.templateId) ?? 'one-time';
    const k = key(line.openid, line.templateId);
    const e = this.entries.get(k) ?? { openid: line.openid, templateId: line.templateId, kind, remaining: 0, banned: false, sent: 0 };
    e.kind = kind;
    if ('consumed' in line) {
      if (kind === 'one-time') e.remaining = Math.max(0, e.remaining - 1);
      e.sent += 1;
    } else {
      e.lastAnswer = line.answer;
      e.answeredAt = line.at;
      if (line.answer === 'ban') {
        e.banned = true;
        e.remaining = 0;
      } else if (!e.banned && line.answer === 'accept') {
        e.remaining = kind === 'one-time' ? e.remaining + 1 : 1;
      } else if (!e.banned && line.answer === 'reject' && kind === 'long-term') {
        e.remaining = 0;
      }
    }
    this.entries.set(k, e);
  }
}

function key(openid: string, templateId: string): string {
  return `${openid}\u0000${templateId}`;
}

/** Long-term template ids from the environment: `EMULATOR_LONG_TERM_TEMPLATES=<id>,<id>`. */
export function longTermTemplatesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.EMULATOR_LONG_TERM_TEMPLATES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
