/**
 * The WeChat open APIs a function reaches through CloudBase (`app.callWxOpenApi`, action
 * `wx.api`). On the emulator a mini-program code is a plain QR code of the H5 app's URL for the
 * same page and scene (so a phone camera or a browser test can follow it), and a subscribe
 * message lands in an outbox (a JSON-lines file under the data folder) that tests and the
 * developer read at `GET /__emulator/outbox`.
 *
 * As strict as the platform: a function may call only the open APIs its config.json lists under
 * `permissions.openapi` (else errcode -604101, 云调用); a subscribe message goes out only with the
 * person's consent from the ledger (`subscriptions.ts`; else 43101) and only for a template the
 * mini-program has (else 40037). Refused sends stay in the outbox with their errcode.
 */
import { fieldProblem, fieldType } from '../../../core/rules/subscribe-fields';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import type { AdminActionHandler, RequestMeta } from '../contracts';
import { EmulatorError } from '../contracts';
import { reviewWordIn, riskyWordIn } from './content-words';
import type { MediaChecks } from './media-check';
import { SubscriptionLedger, type SubscribeTemplates } from './subscriptions';

export interface OutboxMessage {
  id: number;
  at: string;
  api: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  /** The function invocation's request that sent it (when known). */
  requestId?: string;
  /** The function that sent it (when known). */
  fn?: string;
  /** `delivered` reached the person; `refused` did not (WeChat answered `errcode`). */
  status: 'delivered' | 'refused';
  /** WeChat's answer: 0, or why it was refused (43101 no consent, 40037 unknown template, 47003 bad data, -604101 no permission …). */
  errcode: number;
  errmsg?: string;
}

export type OutboxStatus = OutboxMessage['status'] | 'all';

/** The function an open-API call comes from and what its config.json allows (`permissions.openapi`). */
export interface OpenApiCaller {
  fn: string;
  openapi: string[];
}

export interface WxOpenApiOptions {
  dataDir: string;
  /** Where the H5 app is served; QR codes point there. */
  h5BaseUrl: string;
  /**
   * Which function made a call (by the `wxCloudApiToken` each invocation is given). When set, an
   * open API not in the calling function's `permissions.openapi` answers -604101.
   */
  callerOf?: (invocationToken: string | undefined) => OpenApiCaller | undefined;
  /** The subscribe-message templates the mini-program has; any other template id is refused (40037). */
  templates?: SubscribeTemplates;
  /** security.mediaCheckAsync: answers a trace_id, pushes the verdict later (media-check.ts). */
  mediaChecks?: MediaChecks;
}

/** WeChat cloud's answer when the function's config.json does not list the open API (云调用 permissions). */
export const NO_OPENAPI_PERMISSION = -604101;
export const OPENAPI_PERMISSION_DOC = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloud/guide/openapi/openapi.html';

/** WeChat's limits for wxacode.getUnlimited's scene: ≤ 32 visible ASCII characters. */
const SCENE = /^[!#$&'()*+,/:;=?@\-._~0-9A-Za-z]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export class WxOpenApi implements AdminActionHandler {
  private readonly outboxFile: string;
  private outbox: OutboxMessage[];
  /** What each person consented to, per template. */
  readonly subscriptions: SubscriptionLedger;

  constructor(private readonly options: WxOpenApiOptions) {
    this.outboxFile = path.join(options.dataDir, 'outbox.jsonl');
    this.outbox = existsSync(this.outboxFile)
      ? readFileSync(this.outboxFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          // Lines written before refusals were kept are deliveries.
          .map((l) => ({ status: 'delivered', errcode: 0, ...(JSON.parse(l) as Partial<OutboxMessage>) }) as OutboxMessage)
      : [];
    this.subscriptions = new SubscriptionLedger(options.dataDir, options.templates);
  }

  handles(action: string): boolean {
    return action === 'wx.api' || action === 'wx.openApi';
  }

  async handle(action: string, body: Record<string, unknown>, meta: RequestMeta): Promise<Record<string, unknown>> {
    const apiName = typeof body.apiName === 'string' ? body.apiName : '';
    let request: Record<string, unknown> = {};
    if (typeof body.requestData === 'string' && body.requestData) {
      try {
        request = JSON.parse(body.requestData);
      } catch {
        throw new EmulatorError('INVALID_PARAM', 'requestData is not valid JSON');
      }
    } else if (body.requestData && typeof body.requestData === 'object') {
      request = body.requestData as Record<string, unknown>;
    }
    const caller = this.options.callerOf?.(meta.invocationToken);
    const answer = await this.call(apiName, request, meta, caller);
    return { data: { responseData: JSON.stringify(answer) } };
  }

  private async call(apiName: string, req: Record<string, unknown>, meta: RequestMeta, caller: OpenApiCaller | undefined): Promise<unknown> {
    // A call from no invocation (a local script such as the demo seed, with the SDK pointed here)
    // has no config.json to hold it to: it is let through. 云调用 is documented for cloud functions
    // only; what CloudBase answers a script is not confirmed (emulator/README.md, Limits enforced).
    if (caller && !caller.openapi.includes(apiName)) {
      // WeChat's own words (the SDKs show "system error: error code: -604101"), then why.
      const why = `${apiName} is not in ${caller.fn}/config.json permissions.openapi (${OPENAPI_PERMISSION_DOC})`;
      const refusal = { errcode: NO_OPENAPI_PERMISSION, errmsg: `system error: error code: ${NO_OPENAPI_PERMISSION} (${why})` };
      if (apiName === 'subscribeMessage.send') return this.refuse(req, meta, caller, refusal);
      return refusal;
    }
    switch (apiName) {
      case 'wxacode.getUnlimited':
        return this.unlimitedCode(req);
      case 'subscribeMessage.send':
        return this.subscribeMessage(req, meta, caller);
      case 'security.msgSecCheck':
        return this.msgSecCheck(req);
      case 'security.mediaCheckAsync':
        if (!this.options.mediaChecks) throw new EmulatorError('INVALID_PARAM', 'wx open api security.mediaCheckAsync is not emulated here');
        return this.options.mediaChecks.request(req);
      default:
        throw new EmulatorError('INVALID_PARAM', `wx open api ${apiName || '(none)'} is not emulated`);
    }
  }

  private async unlimitedCode(req: Record<string, unknown>): Promise<unknown> {
    const scene = req.scene;
    if (typeof scene !== 'string' || !SCENE.test(scene)) return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' };
    // env_version: release (the default), trial or develop (api_getunlimitedqrcode). Anything else,
    // "" included, is refused; 40097 (invalid args) is what developers report WeChat answers
    // (community reports, not the reference page: unconfirmed, emulator/README.md).
    if (req.env_version !== undefined && !ENV_VERSIONS.includes(req.env_version as string)) return { errcode: 40097, errmsg: 'invalid args' };
    const page = typeof req.page === 'string' && req.page ? req.page.replace(/^\//, '') : 'pages/index/index';
    const width = typeof req.width === 'number' ? Math.min(Math.max(req.width, 280), 1280) : 430;
    const url = `${this.options.h5BaseUrl.replace(/\/$/, '')}/#/${page}?scene=${encodeURIComponent(scene)}`;
    const png = await QRCode.toBuffer(url, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
    return { contentType: 'image/png', buffer: png.toString('base64') };
  }

  private subscribeMessage(req: Record<string, unknown>, meta: RequestMeta, caller: OpenApiCaller | undefined): unknown {
    const touser = req.touser;
    const templateId = req.template_id ?? req.templateId;
    if (typeof touser !== 'string' || !touser) return this.refuse(req, meta, caller, { errcode: 40003, errmsg: 'invalid openid' });
    if (typeof templateId !== 'string' || !templateId) return this.refuse(req, meta, caller, { errcode: 40037, errmsg: 'invalid template_id' });
    if (!this.subscriptions.kindOf(templateId)) {
      return this.refuse(req, meta, caller, { errcode: 40037, errmsg: `invalid template_id: ${templateId} is not one of the mini-program's templates` });
    }
    const data = (req.data && typeof req.data === 'object' ? req.data : {}) as OutboxMessage['data'];
    // WeChat checks each value against the type its key names and refuses the whole message.
    for (const [key, field] of Object.entries(data)) {
      const type = fieldType(key);
      const value = (field as { value?: unknown } | undefined)?.value;
      const problem = !type ? 'unknown field' : typeof value !== 'string' ? 'value must be a string' : fieldProblem(type, value);
      if (problem) return this.refuse(req, meta, caller, { errcode: 47003, errmsg: `argument invalid! data.${key}.value ${problem}` });
    }
    // Last, the person's consent: a message WeChat refuses for its data uses none up.
    if (!this.subscriptions.consume(touser, templateId)) return this.refuse(req, meta, caller, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
    const msg = this.record(req, meta, caller, { errcode: 0, errmsg: 'ok' });
    return { errcode: 0, errmsg: 'ok', msgid: msg.id };
  }

  /** A send WeChat refuses: kept in the outbox as refused, with its errcode, and answered. */
  private refuse(req: Record<string, unknown>, meta: RequestMeta, caller: OpenApiCaller | undefined, answer: { errcode: number; errmsg: string }): unknown {
    this.record(req, meta, caller, answer);
    return answer;
  }

  private record(req: Record<string, unknown>, meta: RequestMeta, caller: OpenApiCaller | undefined, answer: { errcode: number; errmsg: string }): OutboxMessage {
    const templateId = req.template_id ?? req.templateId;
    const msg: OutboxMessage = {
      id: this.outbox.length + 1,
      at: new Date().toISOString(),
      api: 'subscribeMessage.send',
      touser: typeof req.touser === 'string' ? req.touser : '',
      templateId: typeof templateId === 'string' ? templateId : '',
      page: typeof req.page === 'string' ? req.page : undefined,
      data: (req.data && typeof req.data === 'object' ? req.data : {}) as OutboxMessage['data'],
      requestId: meta.requestId,
      fn: caller?.fn,
      status: answer.errcode === 0 ? 'delivered' : 'refused',
      errcode: answer.errcode,
      ...(answer.errcode === 0 ? {} : { errmsg: answer.errmsg }),
    };
    appendFileSync(this.outboxFile, `${JSON.stringify(msg)}\n`);
    this.outbox.push(msg);
    return msg;
  }

  /**
   * Content security, v2 shape: `{ errcode: 0, result: { suggest, label } }` with suggest 'pass',
   * 'review' or 'risky' (judged by the local word lists in content-words.ts); v1 answers 87014 when risky.
   */
  private msgSecCheck(req: Record<string, unknown>): unknown {
    const content = req.content;
    if (typeof content !== 'string' || !content) return { errcode: 47001, errmsg: 'data format error: content is required' };
    if (content.length > 2500) return { errcode: 40006, errmsg: 'invalid content size: at most 2500 characters' };
    const hit = riskyWordIn(content);
    if (req.version !== 2) return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
    if (typeof req.openid !== 'string' || !req.openid) return { errcode: 40003, errmsg: 'invalid openid' };
    if (![1, 2, 3, 4].includes(req.scene as number)) return { errcode: 40097, errmsg: 'invalid scene' };
    // v2 answers review for what the model is unsure of (content-words.ts lists the local words).
    const doubt = hit ? undefined : reviewWordIn(content);
    const result = hit ? { suggest: 'risky', label: hit.label } : doubt ? { suggest: 'review', label: doubt.label } : { suggest: 'pass', label: 100 };
    const word = hit?.word ?? doubt?.word;
    return { errcode: 0, errmsg: 'ok', result, detail: [{ strategy: 'keyword', errcode: 0, ...result, keyword: word }] };
  }

  /** The outbox: deliveries by default; `status: 'refused'` what WeChat refused, `'all'` both, in order. */
  list(filter: { touser?: string; templateId?: string; status?: OutboxStatus } = {}): OutboxMessage[] {
    const status = filter.status ?? 'delivered';
    return this.outbox.filter(
      (m) =>
        (status === 'all' || m.status === status) && (!filter.touser || m.touser === filter.touser) && (!filter.templateId || m.templateId === filter.templateId),
    );
  }

  clear(): void {
    this.outbox = [];
    writeFileSync(this.outboxFile, '');
  }
}
