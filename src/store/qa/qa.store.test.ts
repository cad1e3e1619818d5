import type { FaqHit, QuestionDetail } from '@core/api/qa';
import type { Me } from '@core/api/user';
import { resetTaroMock } from '../../test-support/taro-mock';
import { flush, ok, installFakeTransport } from '../../test-support/fake-transport';
import { ApiError, ClientErrorCodes } from '../../services/api-error';
import { resetAppStore, resetUserData, useAppStore } from '..';
import { PhotosPendingError, resetQaStore, SIMILAR_DEBOUNCE_MS, threadDraft, useQaStore } from '.';
import { SIMILAR_MAX_CHARS } from './qa-ask.slice';
import { __setUploaderForTests, type PhotoFile } from '../../services/upload.service';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const { calls, handlers, actions } = installFakeTransport();

const hit = (id: string, zh: string): FaqHit => ({ id, category: 'hr', question: { zh }, answer: { zh: '答' }, publishedAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', score: 1 });
const question = (over: Partial<QuestionDetail> = {}): QuestionDetail => ({
  id: 'q1',
  title: '加班费怎么算',
  category: 'hr',
  status: 'open',
  anonymous: false,
  createdAt: '2026-11-23T01:00:00Z',
  dueAt: '2026-11-24T10:00:00Z',
  overdue: false,
  messageCount: 0,
  description: '周末加班',
  attachments: [],
  messages: [],
  can: { claim: false, answer: false, requestInfo: false, reply: true, solve: false, release: false, publishFaq: false },
  ...over,
});
const photo = (name: string, size = 300 * 1024): PhotoFile => ({ name, contentType: 'image/jpeg', size, previewUrl: `blob:${name}`, blob: new Blob(['x']) });
/** Uploads straight to storage, scripted per test: (cloud path, file) → fileID. */
let uploads: { path: string; file: PhotoFile }[];
let uploadHandler: (path: string, file: PhotoFile) => Promise<string> | string;

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetQaStore();
  uploads = [];
  uploadHandler = (path) => `cloud://env.bucket/${path}`;
  __setUploaderForTests(async (path, file) => {
    uploads.push({ path, file });
    return uploadHandler(path, file);
  });
  useAppStore.setState({ me: { openid: 'demo-worker-li', role: 'worker', locale: 'zh-CN', largeText: false } as Me });
});

afterEach(() => jest.useRealTimers());

describe('similar FAQ entries while typing (deflection)', () => {
  it('asks once, for the latest text, after the typing pauses; short text asks nothing', async () => {
    jest.useFakeTimers();
    handlers['qa.similar'] = (e) => ok([hit('f1', (e.data as { text: string }).text)]);
    const { typeSimilar } = useQaStore.getState();
    typeSimilar('加班');
    typeSimilar('加班费');
    typeSimilar('加班费怎么');
    typeSimilar('加班费怎么算');
    jest.advanceTimersByTime(SIMILAR_DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(0);
    jest.advanceTimersByTime(1);
    await flush();
    expect(calls.map((c) => c.event.data)).toEqual([{ text: '加班费怎么算', limit: 5 }]);
    expect(useQaStore.getState().similar).toMatchObject({ text: '加班费怎么算', status: 'ready' });
    expect(useQaStore.getState().similar.items.map((i) => i.id)).toEqual(['f1']);

    typeSimilar('加');
    jest.advanceTimersByTime(SIMILAR_DEBOUNCE_MS * 2);
    await flush();
    expect(calls).toHaveLength(1);
    expect(useQaStore.getState().similar.items).toEqual([]);

    // A long description is cut to what the function reads, instead of being refused.
    typeSimilar(`加班费 ${'很长的描述'.repeat(200)}`);
    jest.advanceTimersByTime(SIMILAR_DEBOUNCE_MS);
    await flush();
    expect((calls[1].event.data as { text: string }).text).toHaveLength(SIMILAR_MAX_CHARS);
  });

  it('ignores a stale answer that arrives after the answer for newer text', async () => {
    jest.useFakeTimers();
    let releaseOld!: () => void;
    handlers['qa.similar'] = (e) => {
      const text = (e.data as { text: string }).text;
      if (text === '工伤认定流程') return new Promise((resolve) => (releaseOld = () => resolve(ok([hit('old', text)]))));
      return ok([hit('new', text)]);
    };
    const { typeSimilar } = useQaStore.getState();
    typeSimilar('工伤认定流程');
    jest.advanceTimersByTime(SIMILAR_DEBOUNCE_MS);
    await flush();
    typeSimilar('工伤认定需要什么材料');
    jest.advanceTimersByTime(SIMILAR_DEBOUNCE_MS);
    await flush();
    expect(useQaStore.getState().similar.items.map((i) => i.id)).toEqual(['new']);
    releaseOld();
    await flush();
    expect(calls).toHaveLength(2);
    expect(useQaStore.getState().similar).toMatchObject({ text: '工伤认定需要什么材料', status: 'ready' });
    expect(useQaStore.getState().similar.items.map((i) => i.id)).toEqual(['new']);
  });
});

describe('photos and asking', () => {
  it('uploads each photo straight to storage into the asker’s own folder (no function call), then asks with their fileIDs', async () => {
    handlers['qa.ask'] = (e) => ok(question({ attachments: ((e.data as { attachments?: string[] }).attachments ?? []).map((fileID) => ({ fileID })) }));
    const s = useQaStore.getState();
    await s.addPhoto('ask', photo('a.jpg'));
    await s.addPhoto('ask', photo('b.jpg'));
    expect(calls).toEqual([]);
    expect(uploads.map((u) => u.file.name)).toEqual(['a.jpg', 'b.jpg']);
    for (const u of uploads) expect(u.path).toMatch(/^uploads\/demo-worker-li\/[A-Za-z0-9_-]{8,64}\.jpg$/);
    expect(uploads[0].path).not.toBe(uploads[1].path);
    const ids = uploads.map((u) => `cloud://env.bucket/${u.path}`);

    const q = await s.ask({ title: '加班费怎么算', description: '周末加班', category: 'hr', anonymous: true }, 'ask-key-1');
    const ask = calls.find((c) => c.event.action === 'ask')!;
    expect(ask.event.data).toEqual({ title: '加班费怎么算', description: '周末加班', category: 'hr', anonymous: true, attachments: ids });
    expect(ask.event.idempotencyKey).toBe('ask-key-1');
    expect(q.attachments).toHaveLength(2);
    // The draft is done with; the new question is the one shown.
    expect(useQaStore.getState().drafts.ask).toBeUndefined();
    expect(useQaStore.getState().question?.id).toBe('q1');
  });

  it('refuses to ask while a photo is still uploading, and keeps at most 3 photos', async () => {
    let release!: () => void;
    uploadHandler = () => new Promise((resolve) => (release = () => resolve('cloud://f/1')));
    const s = useQaStore.getState();
    const pending = s.addPhoto('ask', photo('a.png'));
    await flush();
    await expect(s.ask({ title: 't', description: 'd', category: 'other' }, 'k-1')).rejects.toBeInstanceOf(PhotosPendingError);
    expect(actions()).not.toContain('qa.ask');
    release();
    await pending;
    uploadHandler = () => 'cloud://f/x';
    await s.addPhoto('ask', photo('b.png'));
    await s.addPhoto('ask', photo('c.png'));
    await s.addPhoto('ask', photo('d.png'));
    expect(useQaStore.getState().drafts.ask.map((p) => p.file.name)).toEqual(['a.png', 'b.png', 'c.png']);
  });

  it('retries a failed upload to the same file, refuses a photo still over 2 MB after compression without uploading it, and leaves a removed photo out', async () => {
    let first = true;
    uploadHandler = (path, file) => {
      if (first) {
        first = false;
        throw new ApiError(ClientErrorCodes.NETWORK, 'lost');
      }
      return `cloud://f/${file.name}`;
    };
    handlers['qa.ask'] = () => ok(question());
    const s = useQaStore.getState();
    await s.addPhoto('ask', photo('a.jpg'));
    await s.addPhoto('ask', photo('big.jpg', 2 * 1024 * 1024 + 1));
    const [a, big] = useQaStore.getState().drafts.ask;
    expect(a.status).toBe('error');
    expect(big).toMatchObject({ status: 'error', error: expect.objectContaining({ code: 'FILE.TOO_LARGE' }) });
    expect(uploads.map((u) => u.file.name)).toEqual(['a.jpg']); // the big one never left the phone
    await s.retryPhoto('ask', a.localId);
    expect(useQaStore.getState().drafts.ask[0]).toMatchObject({ status: 'ready', fileID: 'cloud://f/a.jpg' });
    expect(uploads).toHaveLength(2);
    expect(uploads[1].path).toBe(uploads[0].path);
    s.removePhoto('ask', big.localId);
    await s.ask({ title: 't', description: 'd', category: 'other' }, 'k-2');
    expect((calls.find((c) => c.event.action === 'ask')!.event.data as { attachments: string[] }).attachments).toEqual(['cloud://f/a.jpg']);
  });

  it('a photo the phone could not read is refused with its code, not uploaded', async () => {
    await useQaStore.getState().addPhoto('ask', { ...photo('x.heic'), error: 'FILE.TYPE_NOT_ALLOWED' });
    expect(useQaStore.getState().drafts.ask[0]).toMatchObject({ status: 'error', error: expect.objectContaining({ code: 'FILE.TYPE_NOT_ALLOWED' }) });
    expect(uploads).toEqual([]);
  });
});

describe('a question and its thread', () => {
  it('an answer retried after a lost reply keeps its idempotency key (and its photos)', async () => {
    handlers['qa.get'] = () => ok(question({ status: 'claimed', can: { ...question().can, answer: true } }));
    uploadHandler = () => 'cloud://f/ans.png';
    let tries = 0;
    handlers['qa.answer'] = (e) => {
      tries++;
      if (tries <= 3) throw new Error('Failed to fetch');
      return ok(question({ status: 'answered', messages: [{ id: 'm1', kind: 'answer', authorRole: 'responder', text: (e.data as { text: string }).text, attachments: [{ fileID: 'cloud://f/ans.png' }], createdAt: '2026-11-23T02:00:00Z' }] }));
    };
    const s = useQaStore.getState();
    await s.loadQuestion('q1');
    await s.addPhoto(threadDraft('q1'), photo('ans.png'));
    // The first tap: every try fails (a dead network), the user sees the error and taps again.
    const err = await s.act('q1', { kind: 'answer', text: '按 200% 支付' }, 'answer-key-1').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe(ClientErrorCodes.NETWORK);
    expect(useQaStore.getState().drafts[threadDraft('q1')]).toHaveLength(1);
    const q = await s.act('q1', { kind: 'answer', text: '按 200% 支付' }, 'answer-key-1');
    expect(q.status).toBe('answered');
    const answers = calls.filter((c) => c.event.action === 'answer');
    expect(answers).toHaveLength(4);
    expect(new Set(answers.map((c) => c.event.idempotencyKey))).toEqual(new Set(['answer-key-1']));
    expect(answers[3].event.data).toEqual({ id: 'q1', text: '按 200% 支付', attachments: ['cloud://f/ans.png'] });
    expect(useQaStore.getState().question?.status).toBe('answered');
    expect(useQaStore.getState().drafts[threadDraft('q1')]).toBeUndefined();
  });

  it('claiming from the queue updates the detail and the queue row', async () => {
    handlers['qa.queue'] = () => ok({ items: [question(), question({ id: 'q2', title: '另一个' })] });
    handlers['qa.claim'] = () => ok(question({ status: 'claimed', claimedByName: '陈律师' }));
    const s = useQaStore.getState();
    await s.loadQueue({ category: 'legal', overdueOnly: true });
    expect(calls[0].event.data).toEqual({ category: 'legal', overdueOnly: true });
    await s.act('q1', { kind: 'claim' }, 'claim-key');
    const st = useQaStore.getState();
    expect(st.question?.status).toBe('claimed');
    expect(st.queue.items.map((q) => [q.id, q.status])).toEqual([
      ['q1', 'claimed'],
      ['q2', 'open'],
    ]);
    expect(st.queue.items[0]).not.toHaveProperty('messages');
  });

  it('pages my questions by status', async () => {
    handlers['qa.mine'] = (e) => ok((e.data as { cursor?: string }).cursor ? { items: [question({ id: 'q3' })] } : { items: [question()], nextCursor: 'c2' });
    const s = useQaStore.getState();
    await s.loadMine('answered');
    await s.loadMoreMine();
    expect(calls.map((c) => c.event.data)).toEqual([{ status: 'answered' }, { cursor: 'c2', status: 'answered' }]);
    expect(useQaStore.getState().mine.items.map((q) => q.id)).toEqual(['q1', 'q3']);
  });
});

describe('FAQ', () => {
  it('drops a stale search answer, and a published entry links back to its question', async () => {
    let releaseOld!: () => void;
    handlers['qa.searchFaq'] = (e) => {
      const q = (e.data as { q: string }).q;
      if (q === '社保') return new Promise((resolve) => (releaseOld = () => resolve(ok([hit('old', q)]))));
      return ok([hit('new', q)]);
    };
    const s = useQaStore.getState();
    const first = s.searchFaq('社保');
    await s.searchFaq('社保补缴');
    releaseOld();
    await first;
    expect(useQaStore.getState().faqSearch).toMatchObject({ q: '社保补缴', status: 'ready' });
    expect(useQaStore.getState().faqSearch.items.map((i) => i.id)).toEqual(['new']);

    handlers['qa.get'] = () => ok(question({ status: 'solved', can: { ...question().can, publishFaq: true } }));
    handlers['qa.publishFaq'] = (e) => ok({ ...hit('f9', '加班费'), sourceQuestionId: (e.data as { questionId: string }).questionId });
    await s.loadQuestion('q1');
    await s.publishFaq({ questionId: 'q1', category: 'hr', question: { zh: '加班费', en: 'Overtime pay' }, answer: { zh: '200%' } }, 'pub-key');
    expect(useQaStore.getState().question).toMatchObject({ faqId: 'f9', can: { publishFaq: false } });
    expect(calls.find((c) => c.event.action === 'publishFaq')?.event.idempotencyKey).toBe('pub-key');
  });
});

describe('switching person', () => {
  it("forgets the previous person's questions when another one signs in", async () => {
    handlers['user.me'] = () => ok<Me>({ openid: 'demo-worker-li', role: 'worker', locale: 'zh-CN', largeText: false });
    handlers['qa.mine'] = () => ok({ items: [question()] });
    await useAppStore.getState().loadMe();
    await useQaStore.getState().loadMine();
    expect(useQaStore.getState().mine.items).toHaveLength(1);
    resetUserData();
    expect(useQaStore.getState().mine.items).toEqual([]);
    expect(useQaStore.getState().mine.status).toBe('idle');
  });
});
