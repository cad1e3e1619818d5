/**
 * The WeChat open APIs a function reaches through CloudBase (`app.callWxOpenApi`, action
 * `wx.api`). On the emulator a mini-program code is a plain QR code of the H5 app's URL for the
 * same page and scene (so a phone camera or a browser test can follow it), and a subscribe
 * message lands in an outbox (a JSON-lines file under the data folder) that tests and the
 * developer read at `GET /__emulator/outbox`.
 */
import { fieldProblem, fieldType } from '../../../core/rules/subscribe-fields';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import type { AdminActionHandler, RequestMeta } from '../contracts';
import { EmulatorError } from '../contracts';
import { riskyWordIn } from './content-words';

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
}

export interface WxOpenApiOptions {
  dataDir: string;
  /** Where the H5 app is served; QR codes point there. */
  h5BaseUrl: string;
}

/** WeChat's limits for wxacode.getUnlimited's scene: ≤ 32 visible ASCII characters. */
const SCENE = /^[!#$&'()*+,/:;=?@\-._~0-9A-Za-z]{1,32}$/;

export class WxOpenApi implements AdminActionHandler {
  private readonly outboxFile: string;
  private outbox: OutboxMessage[];

  constructor(private readonly options: WxOpenApiOptions) {
    this.outboxFile = path.join(options.dataDir, 'outbox.jsonl');
    this.outbox = existsSync(this.outboxFile)
      ? readFileSync(this.outboxFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as OutboxMessage)
      : [];
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
    const answer = await this.call(apiName, request, meta);
    return { data: { responseData: JSON.stringify(answer) } };
  }

  private async call(apiName: string, req: Record<string, unknown>, meta: RequestMeta): Promise<unknown> {
    switch (apiName) {
      case 'wxacode.getUnlimited':
        return this.unlimitedCode(req);
      case 'subscribeMessage.send':
        return this.subscribeMessage(req, meta);
      case 'security.msgSecCheck':
        return this.msgSecCheck(req);
      default:
        throw new EmulatorError('INVALID_PARAM', `wx open api ${apiName || '(none)'} is not emulated`);
    }
  }

  private async unlimitedCode(req: Record<string, unknown>): Promise<unknown> {
    const scene = req.scene;
    if (typeof scene !== 'string' || !SCENE.test(scene)) return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' };
    const page = typeof req.page === 'string' && req.page ? req.page.replace(/^\//, '') : 'pages/index/index';
    const width = typeof req.width === 'number' ? Math.min(Math.max(req.width, 280), 1280) : 430;
    const url = `${this.options.h5BaseUrl.replace(/\/$/, '')}/#/${page}?scene=${encodeURIComponent(scene)}`;
    const png = await QRCode.toBuffer(url, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
    return { contentType: 'image/png', buffer: png.toString('base64') };
  }

  private subscribeMessage(req: Record<string, unknown>, meta: RequestMeta): unknown {
    const touser = req.touser;
    const templateId = req.template_id ?? req.templateId;
    if (typeof touser !== 'string' || !touser) return { errcode: 40003, errmsg: 'invalid openid' };
    if (typeof templateId !== 'string' || !templateId) return { errcode: 40037, errmsg: 'invalid template_id' };
    const data = (req.data && typeof req.data === 'object' ? req.data : {}) as OutboxMessage['data'];
    // WeChat checks each value against the type its key names and refuses the whole message.
    for (const [key, field] of Object.entries(data)) {
      const type = fieldType(key);
      const value = (field as { value?: unknown } | undefined)?.value;
      const problem = !type ? 'unknown field' : typeof value !== 'string' ? 'value must be a string' : fieldProblem(type, value);
      if (problem) return { errcode: 47003, errmsg: `argument invalid! data.${key}.value ${problem}` };
    }
    const msg: OutboxMessage = {
      id: this.outbox.length + 1,
      at: new Date().toISOString(),
      api: 'subscribeMessage.send',
      touser,
      templateId,
      page: typeof req.page === 'string' ? req.page : undefined,
      data,
      requestId: meta.requestId,
    };
    appendFileSync(this.outboxFile, `${JSON.stringify(msg)}\n`);
    this.outbox.push(msg);
    return { errcode: 0, errmsg: 'ok', msgid: msg.id };
  }

  /**
   * Content security, v2 shape: `{ errcode: 0, result: { suggest, label } }` with suggest 'pass'
   * or 'risky' (judged by the local word list in content-words.ts); v1 answers 87014 when risky.
   */
  private msgSecCheck(req: Record<string, unknown>): unknown {
    const content = req.content;
    if (typeof content !== 'string' || !content) return { errcode: 47001, errmsg: 'data format error: content is required' };
    if (content.length > 2500) return { errcode: 40006, errmsg: 'invalid content size: at most 2500 characters' };
    const hit = riskyWordIn(content);
    if (req.version !== 2) return hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' };
    if (typeof req.openid !== 'string' || !req.openid) return { errcode: 40003, errmsg: 'invalid openid' };
    if (![1, 2, 3, 4].includes(req.scene as number)) return { errcode: 40097, errmsg: 'invalid scene' };
    const result = hit ? { suggest: 'risky', label: hit.label } : { suggest: 'pass', label: 100 };
    return { errcode: 0, errmsg: 'ok', result, detail: [{ strategy: 'keyword', errcode: 0, ...result, keyword: hit?.word }] };
  }

  list(filter: { touser?: string; templateId?: string } = {}): OutboxMessage[] {
    return this.outbox.filter((m) => (!filter.touser || m.touser === filter.touser) && (!filter.templateId || m.templateId === filter.templateId));
  }

  clear(): void {
    this.outbox = [];
    writeFileSync(this.outboxFile, '');
  }
}
