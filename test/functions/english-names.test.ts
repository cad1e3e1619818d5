/**
 * Names in the reader's language (issue 15 #10): an enterprise with an English name carries it on
 * its question, demand and consultation, so English readers (a foreign manager, staff reading in
 * English) see it.
 */
import type { ConsultationView, SessionView } from '../../core/api/clinic';
import type { Page } from '../../core/api/admin';
import type { QuestionDetail, QuestionSummary } from '../../core/api/qa';
import type { TicketDetail, TicketSummary } from '../../core/api/tickets';
import { startTestEnv, type TestEnv } from '../support/harness';

const ANNA = 'demo-manager-schmidt';
const BRENNER = { enterpriseName: '布伦纳精密机械（平湖）有限公司', enterpriseNameEn: 'Brenner Precision Machinery (Pinghu) Co., Ltd.' };

describe('enterprise names in both languages on cases', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  it('a question carries its enterprise in English too, for the asker and the responders', async () => {
    const q = await env.ok<QuestionDetail>('qa', 'ask', { title: 'Overtime pay on public holidays', description: 'How much overtime pay is due for work on National Day?', category: 'legal' }, { as: ANNA, idempotencyKey: env.key() });
    expect(q).toMatchObject(BRENNER);
    const queue = await env.ok<Page<QuestionSummary>>('qa', 'queue', {}, { as: 'demo-lawyer-chen' });
    expect(queue.items.find((x) => x.id === q.id)).toMatchObject(BRENNER);
    const mine = await env.ok<Page<QuestionSummary>>('qa', 'mine', {}, { as: ANNA });
    expect(mine.items.find((x) => x.id === q.id)?.enterpriseNameEn).toBe(BRENNER.enterpriseNameEn);
  });

  it('a demand shows its enterprise in English in the lists and the detail', async () => {
    const t = await env.ok<TicketDetail>('tickets', 'submit', { title: 'Work permits for two engineers', description: 'Two German engineers need work permits renewed before March.', category: 'permit' }, { as: ANNA, idempotencyKey: env.key() });
    expect(t).toMatchObject(BRENNER);
    const list = await env.ok<Page<TicketSummary>>('tickets', 'list', {}, { as: 'demo-staff-zhang' });
    expect(list.items.find((x) => x.id === t.id)).toMatchObject(BRENNER);
  });

  it('a consultation carries the booker’s enterprise in English for the volunteer on duty', async () => {
    const weeks = await env.ok<SessionView[]>('clinic', 'onDuty', { days: 21 }, { as: ANNA });
    const session = weeks.find((s) => s.duties.some((d) => d.volunteerOpenid === 'demo-finance-sun'))!;
    const booked = await env.ok<ConsultationView>('clinic', 'book', { sessionId: session.id, profession: 'finance', slotIndex: 2, description: 'Working capital loan for a new assembly line' }, { as: ANNA, idempotencyKey: env.key() });
    expect(booked).toMatchObject(BRENNER);
    const seen = await env.ok<ConsultationView[]>('clinic', 'sessionBookings', { sessionId: session.id }, { as: 'demo-finance-sun' });
    expect(seen.find((b) => b.id === booked.id)).toMatchObject(BRENNER);
  });
});
