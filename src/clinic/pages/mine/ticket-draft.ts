import type { ConsultationView } from '@core/api/clinic';

/**
 * 转为诉求 (issue #4): an attended consultation the server allows (`can.toTicket`) opens 企业点单
 * prefilled from the consultation's advice, linked by sourceConsultationId; once it has a ticket,
 * the link goes to that ticket.
 */
export function ticketDraftUrl(b: ConsultationView): string {
  const advice = b.outcome?.advice?.trim() ?? '';
  const description = [b.description.trim(), advice].filter(Boolean).join('\n\n');
  const title = (advice || b.description).trim().split('\n')[0].slice(0, 60);
  const q = [`sourceConsultationId=${encodeURIComponent(b.id)}`, `title=${encodeURIComponent(title)}`, `description=${encodeURIComponent(description.slice(0, 2000))}`];
  return `/tickets/pages/submit/index?${q.join('&')}`;
}
