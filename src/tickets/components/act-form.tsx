import type { TicketActions } from '@core/contract';
import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { TicketDetail } from '@core/api/tickets';
import { ActText } from '@core/rules/ticket-machine';
import { FieldFrame } from '../../components/field';
import { Btn } from '../../components/ui';
import { useAppStore } from '../../store';
import { useTicketsStore, type ActInput } from '../../store/tickets';
import { useTicketsT } from '../i18n';
import { actLabel, unitName } from '../tickets-labels';
import { TextArea } from '../../components/text-area';
import { ticketsContract } from '@core/contract/tickets';
import type { FieldProblem } from '@core/contract/issues';
import { checkForm } from '../../forms/check';
import { useFieldMessage } from '../../forms/i18n';

export type FormAct = TicketActions['act']['in']['act'];

const UNIT_ACTS: FormAct[] = ['dispatch', 'redispatch'];
/** Acts that cannot be taken back: the form asks once more before sending them. */
const IRREVERSIBLE: FormAct[] = ['close', 'merge', 'escalate'];

/**
 * The act's input from the form's fields: only the fields the act takes (the contract's input is
 * a union by act, so sending a note where 改派 wants a reason does not compile).
 */
function formInput(act: FormAct, f: { text: string; lead?: string; assist: string[]; rating: number; target: string }, required: boolean): ActInput {
  const text = f.text.trim();
  const units = { ...(f.lead ? { leadUnitId: f.lead } : {}), assistUnitIds: f.assist.filter((a) => a !== f.lead) };
  switch (act) {
    case 'evaluate':
      return { act, rating: f.rating, ...(text ? { comment: text } : {}) };
    case 'return':
    case 'suspend':
    case 'reopen':
      return { act, reason: text };
    case 'redispatch':
      return { act, reason: text, ...units };
    case 'dispatch':
      return { act, ...(text ? { note: text } : {}), ...units };
    case 'merge':
      return { act, ...(text ? { note: text } : {}), targetId: f.target.trim() };
    default:
      return { act, ...(text || required ? { note: text } : {}) };
  }
}

/** The input one act needs, then its confirm button. */
export function ActForm({ act, ticket, busy, onSubmit, onCancel }: { act: FormAct; ticket: TicketDetail; busy: boolean; onSubmit: (input: ActInput) => void; onCancel: () => void }) {
  const t = useTicketsT();
  const locale = useAppStore((s) => s.locale);
  const units = useTicketsStore((s) => s.units);
  const catalogue = useTicketsStore((s) => s.catalogue);
  const loadUnits = useTicketsStore((s) => s.loadUnits);
  const loadCatalogue = useTicketsStore((s) => s.loadCatalogue);
  const [text, setText] = useState('');
  const [lead, setLead] = useState<string>();
  const [assist, setAssist] = useState<string[]>([]);
  const [fromCatalogue, setFromCatalogue] = useState(false);
  const [rating, setRating] = useState(0);
  const [target, setTarget] = useState('');
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const message = useFieldMessage();
  const needsUnits = UNIT_ACTS.includes(act);
  // The machine's table says which text the act carries (a reason, a note) and whether it is required.
  const textSpec = ActText[act];
  const reason = textSpec.field === 'reason';

  useEffect(() => {
    if (!needsUnits) return;
    if (units.status === 'idle') void loadUnits();
    if (catalogue.status === 'idle') void loadCatalogue();
  }, [needsUnits]);

  // Dispatch defaults to the catalogue's units for the ticket's category (until the user picks).
  useEffect(() => {
    if (!needsUnits || lead) return;
    const entry = catalogue.data?.find((c) => c.category === ticket.category);
    if (entry) {
      setLead(entry.leadUnitId);
      setAssist(entry.assistUnitIds);
      setFromCatalogue(true);
    }
  }, [needsUnits, catalogue.data]);

  const toggleAssist = (id: string) => setAssist((a) => (a.includes(id) ? a.filter((x) => x !== id) : [...a, id]));

  const submit = () => {
    const input = formInput(act, { text, lead, assist, rating, target }, textSpec.required);
    // The server's own schema for this act (core/contract/tickets.ts), checked before sending.
    const check = checkForm(ticketsContract.actions.act.input, { ...input, id: ticket.id, version: ticket.version });
    setProblems(check.ok ? {} : check.fields);
    if (!check.ok) return;
    if (!IRREVERSIBLE.includes(act)) {
      onSubmit(input);
      return;
    }
    void Taro.showModal({ title: t('tickets.form.irreversible.title', { act: actLabel(t, act) }), content: t(`tickets.form.irreversible.${act as 'close' | 'merge' | 'escalate'}`), confirmText: t('tickets.form.irreversible.go'), cancelText: t('tickets.form.cancel') }).then(
      (r) => (r.confirm ? onSubmit(input) : undefined),
      () => undefined,
    );
  };

  return (
    <View className="tickets-form" data-testid="ticket-act-form" data-act={act}>
      {needsUnits ? (
        <>
          <FieldFrame label={t('tickets.form.leadUnit')} required hint={fromCatalogue ? t('tickets.form.fromCatalogue') : undefined}>
            <View className="chips" data-testid="ticket-act-unit" data-value={lead ?? ''}>
              {(units.data ?? []).map((u) => (
                <View
                  key={u.id}
                  className={`chip${lead === u.id ? ' chip--on' : ''}`}
                  onClick={() => {
                    setLead(u.id);
                    setFromCatalogue(false);
                  }}
                  data-testid={`ticket-act-unit-${u.id}`}
                  data-selected={lead === u.id ? 'true' : 'false'}
                  role="radio"
                >
                  {unitName(locale, u)}
                </View>
              ))}
            </View>
          </FieldFrame>
          <FieldFrame label={t('tickets.form.assistUnits')}>
            <View className="chips" data-testid="ticket-act-assist">
              {(units.data ?? [])
                .filter((u) => u.id !== lead)
                .map((u) => (
                  <View
                    key={u.id}
                    className={`chip${assist.includes(u.id) ? ' chip--on' : ''}`}
                    onClick={() => toggleAssist(u.id)}
                    data-testid={`ticket-act-assist-${u.id}`}
                    data-selected={assist.includes(u.id) ? 'true' : 'false'}
                    role="checkbox"
                  >
                    {unitName(locale, u)}
                  </View>
                ))}
            </View>
          </FieldFrame>
        </>
      ) : null}
      {act === 'evaluate' ? (
        <FieldFrame label={t('tickets.form.rating')} required>
          <View className="tickets-stars" data-testid="ticket-rating" data-value={rating}>
            {[1, 2, 3, 4, 5].map((n) => (
              <View key={n} className={`tickets-star${n <= rating ? ' tickets-star--on' : ''}`} onClick={() => setRating(n)} data-testid={`ticket-rating-${n}`} role="radio" aria-checked={n === rating ? 'true' : 'false'}>
                ★
              </View>
            ))}
          </View>
        </FieldFrame>
      ) : null}
      {act === 'merge' ? (
        <FieldFrame label={t('tickets.form.target')} required error={message(problems.targetId)}>
          <Input className="field__input" value={target} onInput={(e) => setTarget(e.detail.value)} maxlength={64} data-testid="ticket-act-target" />
        </FieldFrame>
      ) : null}
      <FieldFrame label={act === 'evaluate' ? t('tickets.form.comment') : reason ? t('tickets.form.reason') : t('tickets.form.note')} required={textSpec.required} error={message(problems[textSpec.field])}>
        <TextArea value={text} onInput={setText} placeholder={reason ? undefined : t('tickets.form.notePlaceholder')} maxlength={reason ? 500 : 1000} testId="ticket-act-note" />
      </FieldFrame>
      <View className="btn-row">
        <Btn kind="ghost" onClick={onCancel} testId="ticket-act-cancel">
          {t('tickets.form.cancel')}
        </Btn>
        <Btn busy={busy} onClick={submit} testId="ticket-act-confirm">
          {t('tickets.form.confirm', { act: actLabel(t, act) })}
        </Btn>
      </View>
    </View>
  );
}
