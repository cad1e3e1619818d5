/**
 * WeChat's asynchronous image check (`security.mediaCheckAsync`, v2) and the message push that
 * carries its verdict (event `wxa_media_check`), as the emulator plays them.
 *
 * The call is answered at once with a `trace_id` (https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_mediacheckasync);
 * the verdict reaches the function configured for `<MsgType event, Event wxa_media_check>` in the
 * environment's 消息推送 settings (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/openapi.md),
 * "within 30 minutes". Here it is delivered when `flush()` runs: on demand
 * (`POST /__emulator/media-checks/flush`, what tests do) or, with triggers on, `delayMs` after the
 * call (the dev server's few seconds instead of WeChat's minutes).
 *
 * The local rule for the verdict (WeChat's model is not available offline), decided from the
 * file's bytes when the call is made:
 *   - bytes containing `EMULATOR-MEDIA:RISKY` → `suggest: 'risky'`, label 20002;
 *   - bytes containing `EMULATOR-MEDIA:REVIEW` → `suggest: 'review'`, label 20002;
 *   - a URL the emulator cannot read (not its storage, file gone) → `review`, with the detail's
 *     errcode -1008 ("link cannot be downloaded", v1's status_code; v2's exact shape unconfirmed);
 *   - anything else → `pass`, label 100.
 * A JPEG comment segment (FF FE) holding the marker is still a valid JPEG, so the app can upload it.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../clock';

export const MEDIA_MARKER_RISKY = 'EMULATOR-MEDIA:RISKY';
export const MEDIA_MARKER_REVIEW = 'EMULATOR-MEDIA:REVIEW';
/** Risky-image label the emulator answers (WeChat: 20002 色情; the exact label of a real verdict varies). */
const LABEL_RISKY = 20002;

export type MediaSuggest = 'pass' | 'review' | 'risky';

/** Where a `<MsgType, Event>` pair is pushed: one function per pair, as the console allows. */
export interface MessagePushRoute {
  msgType: string;
  event: string;
  functionName: string;
}

export interface PendingMediaCheck {
  traceId: string;
  openid: string;
  mediaUrl: string;
  scene: number;
  suggest: MediaSuggest;
  label: number;
  downloadErrcode: number;
  at: string;
  /** When set, delivered at this time (on the emulator's clock) while the timer runs. */
  dueAt: number;
  deliveredAt?: string;
  /** What the push function answered or why it could not run. */
  outcome?: string;
}

export interface MediaCheckOptions {
  clock: EmulatorClock;
  /** Reads the bytes behind a temporary URL of this emulator's storage (undefined if it cannot). */
  readUrl: (url: string) => Promise<Buffer | undefined>;
  /** Runs the function a push goes to (CloudBase invokes it with the event, no client caller). */
  push: (functionName: string, event: Record<string, unknown>) => Promise<string>;
  routes: () => MessagePushRoute[];
  appid: string;
  delayMs?: number;
}

export class MediaChecks {
  private readonly pending: PendingMediaCheck[] = [];
  private readonly done: PendingMediaCheck[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MediaCheckOptions) {}

  /** The open API's answer: checks the arguments as WeChat lists them, then queues the verdict. */
  async request(req: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = req.media_url;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { errcode: 40097, errmsg: 'invalid args: media_url must be an http(s) URL the checker can download' };
    if (req.media_type !== 1 && req.media_type !== 2) return { errcode: 40097, errmsg: 'invalid args: media_type must be 1 (audio) or 2 (image)' };
    if (req.version !== 2) return { errcode: 40097, errmsg: 'invalid args: version must be 2 (1.0 stopped updating on 2021-09-01)' };
    if (typeof req.openid !== 'string' || !req.openid) return { errcode: 40003, errmsg: 'invalid openid' };
    if (![1, 2, 3, 4].includes(req.scene as number)) return { errcode: 40097, errmsg: 'invalid args: scene must be 1, 2, 3 or 4' };
    const bytes = await this.options.readUrl(url);
    const text = bytes ? bytes.toString('latin1') : '';
    const suggest: MediaSuggest = !bytes ? 'review' : text.includes(MEDIA_MARKER_RISKY) ? 'risky' : text.includes(MEDIA_MARKER_REVIEW) ? 'review' : 'pass';
    const traceId = `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
    this.pending.push({
      traceId,
      openid: req.openid,
      mediaUrl: url,
      scene: req.scene as number,
      suggest,
      label: suggest === 'pass' || !bytes ? 100 : LABEL_RISKY,
      downloadErrcode: bytes ? 0 : -1008,
      at: this.options.clock.now().toISOString(),
      dueAt: this.options.clock.now().getTime() + (this.options.delayMs ?? 3000),
    });
    return { errcode: 0, errmsg: 'ok', trace_id: traceId };
  }

  /** The event WeChat pushes for a check (v2 shape). */
  eventOf(c: PendingMediaCheck): Record<string, unknown> {
    return {
      ToUserName: 'gh_emulator',
      FromUserName: c.openid,
      CreateTime: Math.floor(this.options.clock.now().getTime() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.options.appid,
      trace_id: c.traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: c.downloadErrcode, suggest: c.suggest, label: c.label, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: c.suggest, label: c.label },
    };
  }

  /**
   * Delivers the queued verdicts (all of them, or those due by the clock with `dueOnly`), one push
   * each, in the order the checks were asked. A verdict with no push route configured is dropped,
   * as WeChat drops it (the outcome says so).
   */
  async flush(opts: { dueOnly?: boolean } = {}): Promise<PendingMediaCheck[]> {
    const now = this.options.clock.now().getTime();
    const ready = this.pending.filter((c) => !opts.dueOnly || c.dueAt <= now);
    const out: PendingMediaCheck[] = [];
    for (const c of ready) {
      this.pending.splice(this.pending.indexOf(c), 1);
      const route = this.options.routes().find((r) => r.msgType === 'event' && r.event === 'wxa_media_check');
      if (!route) c.outcome = 'no message push route for event/wxa_media_check: the verdict is dropped';
      else {
        try {
          c.outcome = await this.options.push(route.functionName, this.eventOf(c));
        } catch (e) {
          c.outcome = `push to ${route.functionName} failed: ${(e as Error).message}`;
        }
      }
      c.deliveredAt = this.options.clock.now().toISOString();
      this.done.push(c);
      out.push(c);
    }
    return out;
  }

  list(): { pending: PendingMediaCheck[]; delivered: PendingMediaCheck[] } {
    return { pending: [...this.pending], delivered: [...this.done] };
  }

  /** Delivers due verdicts every second (the dev server; tests flush instead). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush({ dueOnly: true }), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
