import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { TicketCategories, type TicketCategory, type TicketUrgencyView } from '@core/api/tickets';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, ErrorNote, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useTicketsStore } from '../../../store/tickets';
import { TextArea } from '../../../components/text-area';
import { TicketsGate } from '../../components/tickets-gate';
import { useTicketsT } from '../../i18n';
import { categoryLabel, TicketUrgencies, urgencyLabel } from '../../tickets-labels';
import '../../tickets.css';
import { askConsentAt } from '../../../components/consent-text';
import { ConsentAt } from '../../../services/subscribe';
import { ticketsContract } from '@core/contract/tickets';
import type { FieldProblem } from '@core/contract/issues';
import { checkForm } from '../../../forms/check';
import { useFieldMessage } from '../../../forms/i18n';

/** 企业点单: the enterprise's manager describes a demand; the answer is the new ticket's page. */
export default function TicketsSubmitPage() {
  const t = useTicketsT();
  return (
    <PageShell titleKey="title.ticketsSubmit" rootProps={{ 'data-testid': 'tickets-submit' }}>
      <PageHead title={t('ticketsNav.submit')} subtitle={t('tickets.submit.subtitle')} />
      <TicketsGate allowed={(me) => me.role === 'manager'}>
        <SubmitForm />
      </TicketsGate>
    </PageShell>
  );
}

/** A query value, decoded once (a text with a literal % may arrive decoded already). */
function param(v?: string): string | undefined {
  if (!v) return undefined;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function SubmitForm() {
  const t = useTicketsT();
  const submit = useTicketsStore((s) => s.submit);
  // From a consultation (转为诉求): prefilled from its advice and linked to it.
  const params = useRouter().params;
  const sourceConsultationId = param(params.sourceConsultationId);
  const [title, setTitle] = useState(param(params.title) ?? '');
  const [description, setDescription] = useState(param(params.description) ?? '');
  const [category, setCategory] = useState<TicketCategory>();
  const [urgency, setUrgency] = useState<TicketUrgencyView>('normal');
  const { busy, error, run } = useWrite();
  const [missing, setMissing] = useState(false);
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const message = useFieldMessage();
  const input = { title: title.trim(), description: description.trim(), category, urgency, ...(sourceConsultationId ? { sourceConsultationId } : {}) };

  const send = async () => {
    // The server's own schema (core/contract/tickets.ts), checked before sending.
    const check = checkForm(ticketsContract.actions.submit.input, { ...input, category: input.category as TicketCategory });
    if (!check.ok) {
      setProblems(check.fields);
      setMissing(true);
      return;
    }
    setProblems({});
    setMissing(false);
    await askConsentAt(ConsentAt.submitDemand);
    await run(input, async (key) => {
      const d = await submit(check.data, key);
      void Taro.redirectTo({ url: `/tickets/pages/detail/index?id=${encodeURIComponent(d.id)}` });
    });
  };

  return (
    <Card>
      {sourceConsultationId ? (
        <View className="muted" style={{ marginBottom: '12px' }} data-testid="ticket-source-consultation">
          {t('consultation.fromConsultation')}
        </View>
      ) : null}
      <Field label={t('tickets.submit.title')} value={title} onInput={setTitle} placeholder={t('tickets.submit.titlePlaceholder')} required maxlength={60} testId="ticket-title" error={message(problems.title)} />
      <FieldFrame label={t('tickets.submit.description')} required error={message(problems.description)}>
        <TextArea value={description} onInput={setDescription} placeholder={t('tickets.submit.descriptionPlaceholder')} maxlength={2000} testId="ticket-description" />
      </FieldFrame>
      <FieldFrame label={t('tickets.submit.category')} required error={message(problems.category, { choice: true })}>
        <View data-testid="ticket-category" data-value={category ?? ''}>
          <Chips options={TicketCategories.map((c) => ({ value: c, label: categoryLabel(t, c) }))} value={category} onChange={setCategory} testIdPrefix="ticket-category" />
        </View>
      </FieldFrame>
      <FieldFrame label={t('tickets.submit.urgency')}>
        <View data-testid="ticket-urgency" data-value={urgency}>
          <Chips options={TicketUrgencies.map((u) => ({ value: u, label: urgencyLabel(t, u) }))} value={urgency} onChange={setUrgency} testIdPrefix="ticket-urgency" />
        </View>
      </FieldFrame>
      <View className="muted" style={{ marginBottom: '12px' }}>
        {t('tickets.submit.noPhotos')}
      </View>
      {missing ? <View className="field__error">{t('tickets.submit.required')}</View> : null}
      <ErrorNote error={error} />
      <Btn busy={busy} onClick={() => void send()} testId="ticket-submit">
        {t('tickets.submit.action')}
      </Btn>
    </Card>
  );
}
