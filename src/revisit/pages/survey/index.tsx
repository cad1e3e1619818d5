import { View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorCodes } from '@core/api/errors';
import type { MySurveyView } from '@core/api/revisit';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { RevisitGate } from '../../components/revisit-gate';
import { SurveyQuestions } from '../../components/survey-questions';
import { useLocalized, useRevisitT } from '../../i18n';
import { checkAnswers, draftsOf, type AnswerProblem, type Drafts } from '../../survey-answers';
import '../../revisit.css';

const isManager = (me: { role: string }) => me.role === 'manager';

/** 回访问卷: one campaign's survey in the manager's language, answered once; read-only once answered. */
export default function RevisitSurveyPage() {
  const t = useRevisitT();
  const text = useLocalized();
  const [campaignId, setCampaignId] = useState<string>();
  useLoad((q) => setCampaignId(q?.campaignId ? decodeURIComponent(q.campaignId) : ''));
  const surveys = useRevisitStore((s) => s.surveys);
  const survey = surveys.data?.find((s) => s.campaignId === campaignId);
  return (
    <PageShell titleKey="title.revisitSurveys" rootProps={{ 'data-testid': 'revisit-survey', 'data-answered': survey ? (survey.answered ? 'true' : 'false') : undefined }}>
      <PageHead title={survey ? text(survey.form.title) : t('title.revisitSurveys')} subtitle={survey ? t('revisit.surveys.year', { year: survey.year }) : undefined} />
      <RevisitGate allowed={isManager}>{campaignId === undefined ? <Loading /> : <Survey campaignId={campaignId} />}</RevisitGate>
    </PageShell>
  );
}

function Survey({ campaignId }: { campaignId: string }) {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me)!;
  const surveys = useRevisitStore((s) => s.surveys);
  const load = useRevisitStore((s) => s.loadSurveys);
  useEffect(() => {
    void load();
  }, [load, me.openid]);
  if (!surveys.data) return surveys.status === 'error' ? <ErrorNote error={surveys.error} onRetry={() => void load()} /> : <Loading />;
  const survey = surveys.data.find((s) => s.campaignId === campaignId);
  if (!survey) {
    return (
      <Card testId="revisit-survey-missing">
        <View className="card__text">{t('revisit.survey.notFound')}</View>
      </Card>
    );
  }
  return survey.answered ? <Answered survey={survey} /> : <AnswerForm survey={survey} />;
}

function Answered({ survey }: { survey: MySurveyView }) {
  const t = useRevisitT();
  return (
    <Card testId="revisit-survey-answered">
      <View className="success-note" data-testid="revisit-survey-done">
        {survey.answeredAt ? t('revisit.survey.answeredAt', { at: formatDate(survey.answeredAt, true) }) : t('revisit.survey.thanks')}
      </View>
      <SurveyQuestions form={survey.form} drafts={draftsOf(survey.answers)} />
    </Card>
  );
}

function AnswerForm({ survey }: { survey: MySurveyView }) {
  const t = useRevisitT();
  const answer = useRevisitStore((s) => s.answerSurvey);
  const load = useRevisitStore((s) => s.loadSurveys);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [problems, setProblems] = useState<Record<string, AnswerProblem>>({});
  const { busy, error, run, setError } = useWrite();
  const checked = checkAnswers(survey.form, drafts);

  const change = (id: string, d: Drafts[string]) => {
    setDrafts((all) => ({ ...all, [id]: d }));
    setProblems(({ [id]: _gone, ...rest }) => rest);
    setError(undefined);
  };

  const submit = async () => {
    if (busy) return;
    if (Object.keys(checked.problems).length) {
      setProblems(checked.problems);
      setError(new ApiError(ErrorCodes.REVISIT_ANSWER_INVALID, 'answers'));
      return;
    }
    await run(
      { campaignId: survey.campaignId, answers: checked.answers },
      (key) => answer(survey.campaignId, checked.answers, key),
      // Answered meanwhile (a colleague, another device): show what stands.
      (err) => void (err.code === ErrorCodes.REVISIT_ALREADY_ANSWERED && load()),
    );
  };

  return (
    <Card testId="revisit-survey-form">
      <View className="muted" style={{ marginBottom: '12px' }}>
        {t('revisit.survey.once')}
      </View>
      <SurveyQuestions form={survey.form} drafts={drafts} problems={problems} onChange={change} />
      <ErrorNote error={error} />
      <View style={{ marginTop: '16px' }}>
        <Btn busy={busy} onClick={() => void submit()} testId="revisit-survey-submit">
          {t('revisit.survey.submit')}
        </Btn>
      </View>
    </Card>
  );
}
