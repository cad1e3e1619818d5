/**
 * The environment's 消息推送 settings (WeChat DevTools → 云开发 → 设置 → 其他设置 → 消息推送, push
 * mode 云函数): which function receives which `<MsgType, Event>` pair. One pair goes to one
 * function of one environment
 * (https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/openapi.md).
 * They are console settings, not part of a function's config.json: this list is what the launch
 * checklist asks the operator to configure, and what the local emulator is started with.
 */
export interface MessagePushRoute {
  msgType: string;
  event: string;
  functionName: string;
}

export const MessagePushRoutes: readonly MessagePushRoute[] = [
  // security.mediaCheckAsync verdicts (server/modules/moderation): the admin function's push handler.
  { msgType: 'event', event: 'wxa_media_check', functionName: 'admin' },
];
