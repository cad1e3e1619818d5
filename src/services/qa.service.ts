import type { QaActions } from '@core/api/qa';
import { callFunction } from './call-function';

type In<A extends keyof QaActions> = QaActions[A]['in'];

/** `qa` (每日一问诊): questions, their threads, photos, and the public FAQ. */
export const qaService = {
  similar: (data: In<'similar'>) => callFunction('qa', 'similar', data),
  ask: (data: In<'ask'>, idempotencyKey?: string) => callFunction('qa', 'ask', data, { write: true, idempotencyKey }),
  mine: (data: In<'mine'>) => callFunction('qa', 'mine', data),
  queue: (data: In<'queue'>) => callFunction('qa', 'queue', data),
  get: (data: In<'get'>) => callFunction('qa', 'get', data),
  claim: (data: In<'claim'>, idempotencyKey?: string) => callFunction('qa', 'claim', data, { write: true, idempotencyKey }),
  release: (data: In<'release'>, idempotencyKey?: string) => callFunction('qa', 'release', data, { write: true, idempotencyKey }),
  answer: (data: In<'answer'>, idempotencyKey?: string) => callFunction('qa', 'answer', data, { write: true, idempotencyKey }),
  requestInfo: (data: In<'requestInfo'>, idempotencyKey?: string) => callFunction('qa', 'requestInfo', data, { write: true, idempotencyKey }),
  reply: (data: In<'reply'>, idempotencyKey?: string) => callFunction('qa', 'reply', data, { write: true, idempotencyKey }),
  solve: (data: In<'solve'>, idempotencyKey?: string) => callFunction('qa', 'solve', data, { write: true, idempotencyKey }),
  searchFaq: (data: In<'searchFaq'>) => callFunction('qa', 'searchFaq', data),
  listFaq: (data: In<'listFaq'>) => callFunction('qa', 'listFaq', data),
  getFaq: (data: In<'getFaq'>) => callFunction('qa', 'getFaq', data),
  publishFaq: (data: In<'publishFaq'>, idempotencyKey?: string) => callFunction('qa', 'publishFaq', data, { write: true, idempotencyKey }),
  updateFaq: (data: In<'updateFaq'>, idempotencyKey?: string) => callFunction('qa', 'updateFaq', data, { write: true, idempotencyKey }),
  unpublishFaq: (data: In<'unpublishFaq'>, idempotencyKey?: string) => callFunction('qa', 'unpublishFaq', data, { write: true, idempotencyKey }),
};
