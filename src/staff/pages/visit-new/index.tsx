import { StaffRoles } from '@core/api/roles';
import { Image, Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Enterprise } from '@core/api/admin';
import { TicketCategories, type TicketCategory } from '@core/api/tickets';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, ErrorNote, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { pickPhotos } from '../../../qa/components/pick-photos';
import { toApiError } from '../../../services/api-error';
import { newIdempotencyKey } from '../../../services/idempotency';
import { errorMessage } from '../../../i18n';
import { useAppStore } from '../../../store';
import type { PhotoFile } from '../../../store/qa/qa-ask.slice';
import { useConsoleStore } from '../../../store/console';
import { EnterprisePicker } from '../../components/filters';
import { TextArea } from '../../../components/text-area';
import { categoryLabel } from '../../console-labels';
import { beijingToday, isDay } from '../../console-period';
import { useConsoleT, type ConsoleMessageKey } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

const TOPICS = ['hiring', 'policy', 'finance', 'safety', 'production', 'party'] as const;
const MAX_PHOTOS = 6;

interface Photo {
  key: string;
  file: PhotoFile;
  status: 'uploading' | 'done' | 'failed';
  fileID?: string;
  /** Why it failed; a FILE.* refusal (still too big after compression, unreadable) cannot succeed on a retry. */
  error?: string;
}
const refused = (p: Photo) => !!p.error?.startsWith('FILE.');
interface ProblemDraft {
  id: number;
  category?: TicketCategory;
  theme: string;
  description: string;
}

/** 记录走访: enterprise, date, who was met, topics, notes, photos and the problems raised. */
export default function VisitNewPage() {
  const t = useConsoleT();
  return (
    <PageShell titleKey="title.visitNew" rootProps={{ 'data-testid': 'staff-visit-new' }}>
      <PageHead title={t('console.visits.new')} subtitle={t('console.visits.subtitle')} />
      <StaffGate roles={StaffRoles}>
        <VisitForm />
      </StaffGate>
    </PageShell>
  );
}

function VisitForm() {
  const t = useConsoleT();
  const record = useConsoleStore((s) => s.recordVisit);
  const upload = useConsoleStore((s) => s.uploadVisitPhoto);
  const locale = useAppStore((s) => s.locale);
  // From an enterprise's record: that enterprise, already chosen (the picker can change it).
  const overview = useConsoleStore((s) => s.overview);
  const fromId = useRouter().params.enterpriseId;
  const [enterprise, setEnterprise] = useState<Enterprise | undefined>(fromId && overview.key === fromId ? overview.data?.enterprise : undefined);
  const [date, setDate] = useState(beijingToday());
  const [met, setMet] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [otherTopic, setOtherTopic] = useState('');
  const [notes, setNotes] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [problems, setProblems] = useState<ProblemDraft[]>([]);
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useWrite();

  const topicText = (k: string) => t(`console.topic.${k}` as ConsoleMessageKey);
  const toggleTopic = (text: string) => setTopics((ts) => (ts.includes(text) ? ts.filter((x) => x !== text) : [...ts, text]));
  const photoIds = photos.filter((p) => p.status === 'done').map((p) => p.fileID!);
  const problemInputs = problems.map((p) => ({ category: p.category!, description: p.description.trim(), ...(p.theme.trim() ? { theme: p.theme.trim() } : {}) }));
  // Only what was given goes to the server (no empty notes, photos or problems).
  const input = {
    enterpriseId: enterprise?.id ?? '',
    date: date.trim(),
    met: met.trim(),
    topics,
    ...(notes.trim() ? { notes: notes.trim() } : {}),
    ...(photoIds.length ? { photos: photoIds } : {}),
    ...(problemInputs.length ? { problems: problemInputs } : {}),
  };
  const valid = !!enterprise && isDay(input.date) && !!input.met && topics.length > 0 && problems.every((p) => p.category && p.description.trim());

  const send = async (p: Photo) => {
    setPhotos((ps) => ps.map((x) => (x.key === p.key ? { ...x, status: 'uploading' } : x)));
    try {
      const a = await upload(p.file, p.key);
      setPhotos((ps) => ps.map((x) => (x.key === p.key ? { ...x, status: 'done', fileID: a.fileID } : x)));
    } catch (e) {
      setPhotos((ps) => ps.map((x) => (x.key === p.key ? { ...x, status: 'failed', error: toApiError(e).code } : x)));
    }
  };
  const addPhotos = async () => {
    const files = await pickPhotos(MAX_PHOTOS - photos.length);
    const added = files.map((file) => ({ key: newIdempotencyKey(), file, status: 'uploading' as const }));
    setPhotos((ps) => [...ps, ...added]);
    await Promise.all(added.map(send));
  };
  const setProblem = (id: number, patch: Partial<ProblemDraft>) => setProblems((ps) => ps.map((p) => (p.id === id ? { ...p, ...patch } : p)));

  const save = async () => {
    if (!valid || photos.some((p) => p.status === 'uploading')) {
      setMissing(!valid);
      return;
    }
    setMissing(false);
    await run(input, async (key) => {
      const v = await record(input, key);
      void Taro.redirectTo({ url: `/staff/pages/visit/index?id=${encodeURIComponent(v.id)}` });
    });
  };

  return (
    <View className="console-split">
      <Card>
        <EnterprisePicker value={enterprise} onChange={setEnterprise} label={t('console.visit.enterprise')} />
        <Field label={t('console.visit.date')} value={date} onInput={setDate} required maxlength={10} error={date && !isDay(date.trim()) ? t('console.holidays.dateInvalid') : undefined} testId="visit-date" />
        <Field label={t('console.visit.met')} value={met} onInput={setMet} required placeholder={t('console.visit.metPlaceholder')} maxlength={60} testId="visit-met" />
        <FieldFrame label={t('console.visit.topics')} required>
          <View className="chips" data-testid="visit-topics" data-value={topics.join('|')}>
            {[...TOPICS.map((k) => ({ k: k as string, text: topicText(k) })), ...topics.filter((x) => !TOPICS.map(topicText).includes(x)).map((x, i) => ({ k: `other-${i}`, text: x }))].map(({ k, text }) => (
              <View key={k} className={`chip${topics.includes(text) ? ' chip--on' : ''}`} onClick={() => toggleTopic(text)} role="checkbox" aria-checked={topics.includes(text) ? 'true' : 'false'} data-testid={`visit-topic-${k}`}>
                {text}
              </View>
            ))}
          </View>
          <View className="btn-row" style={{ alignItems: 'center', flexWrap: 'nowrap', marginTop: '8px' }}>
            <Input className="field__input" style={{ flex: '1' }} value={otherTopic} maxlength={20} placeholder={t('console.visit.topicPlaceholder')} onInput={(e) => setOtherTopic(e.detail.value)} data-testid="visit-topic-other" />
            <Btn
              small
              kind="secondary"
              disabled={!otherTopic.trim()}
              onClick={() => {
                if (!topics.includes(otherTopic.trim())) toggleTopic(otherTopic.trim());
                setOtherTopic('');
              }}
              testId="visit-topic-add"
            >
              {t('console.visit.topicAdd')}
            </Btn>
          </View>
        </FieldFrame>
        <FieldFrame label={t('console.visit.notes')}>
          <TextArea value={notes} onInput={setNotes} placeholder={t('console.visit.notesPlaceholder')} maxlength={2000} testId="visit-notes" look="console" />
        </FieldFrame>
        <FieldFrame label={t('console.visit.photos')}>
          <View className="console-photos">
            {photos.map((p) => (
              <View key={p.key} className="console-photo" data-testid="visit-photo" data-status={p.status}>
                <Image className="console-photo__img" src={p.file.previewUrl} mode="aspectFill" />
                <View
                  className="console-photo__remove"
                  onClick={() => (p.status === 'failed' && !refused(p) ? void send(p) : setPhotos((ps) => ps.filter((x) => x.key !== p.key)))}
                  data-testid="visit-photo-state"
                >
                  {p.status === 'uploading'
                    ? t('console.visit.uploading')
                    : p.status === 'failed'
                      ? refused(p)
                        ? `${errorMessage(locale, p.error!)} · ${t('console.visit.removePhoto')}`
                        : t('console.visit.uploadFailed')
                      : t('console.visit.removePhoto')}
                </View>
              </View>
            ))}
          </View>
          {photos.length < MAX_PHOTOS ? (
            <View style={{ marginTop: '8px' }}>
              <Btn small kind="secondary" onClick={() => void addPhotos()} testId="visit-add-photo">
                {t('console.visit.addPhoto')}
              </Btn>
            </View>
          ) : null}
        </FieldFrame>
      </Card>
      <Card title={t('console.visit.problems')} testId="visit-problems">
        {problems.map((p, i) => (
          <View key={p.id} className="console-problem" data-testid={`visit-problem-${i}`}>
            <View className="list-item__title">{t('console.visit.problem', { n: i + 1 })}</View>
            <FieldFrame label={t('console.visit.problemCategory')} required>
              <Chips options={TicketCategories.map((c) => ({ value: c, label: categoryLabel(t, c) }))} value={p.category} onChange={(c) => setProblem(p.id, { category: c })} testIdPrefix={`problem-${i}-category`} />
            </FieldFrame>
            <Field label={t('console.visit.problemTheme')} value={p.theme} onInput={(v) => setProblem(p.id, { theme: v })} placeholder={t('console.visit.problemThemePlaceholder')} maxlength={30} testId={`problem-${i}-theme`} />
            <FieldFrame label={t('console.visit.problemDescription')} required>
              <TextArea value={p.description} onInput={(v) => setProblem(p.id, { description: v })} maxlength={1000} testId={`problem-${i}-description`} look="console" />
            </FieldFrame>
            <Btn small kind="ghost" onClick={() => setProblems((ps) => ps.filter((x) => x.id !== p.id))} testId={`problem-${i}-remove`}>
              {t('console.visit.removeProblem')}
            </Btn>
          </View>
        ))}
        <Btn kind="secondary" small onClick={() => setProblems((ps) => [...ps, { id: Date.now() + ps.length, theme: '', description: '' }])} testId="visit-add-problem">
          {t('console.visit.addProblem')}
        </Btn>
        <View style={{ marginTop: '24px' }}>
          {missing ? <View className="field__error">{t('console.visit.required')}</View> : null}
          <ErrorNote error={error} />
          <Btn busy={busy} disabled={photos.some((p) => p.status === 'uploading')} onClick={() => void save()} testId="visit-save">
            {t('console.visit.save')}
          </Btn>
        </View>
      </Card>
    </View>
  );
}
