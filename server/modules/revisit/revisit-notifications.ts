/**
 * Who hears about satisfaction: a campaign's pending enterprises are reminded. The invitation to
 * rate a finished case is sent by the module that finished it, through
 * server/modules/notify/evaluation-invites.ts (the cases sit below revisit, which reads them).
 * Inbox items and the subscribe messages go through server/modules/notify; these helpers never
 * fail the act that triggered them.
 */
import { shanghaiDate, shanghaiDateTime } from '../../../core/rules/working-days';
import { thing } from '../../platform/subscribe-message';
import { notifyQuietly, type Notice } from '../notify';
import { peopleOf } from '../organisation';

export const SURVEY_PAGE = 'revisit/pages/survey/index';

/** The managers of an enterprise (up to 50; its workers, however many, are not read): the organisation module answers. */
export const managersOf = (enterpriseId: string): Promise<string[]> => peopleOf({ enterpriseId }, 'manager');

/** A pending enterprise's managers: this year's survey awaits their answer (one event per campaign, enterprise and day). */
export async function remindSurvey(managers: string[], campaignId: string, year: number, at: Date, enterpriseId = ''): Promise<number> {
  try {
    const day = shanghaiDate(at);
    const notices: Notice[] = managers.map((to) => ({
      event: `revisit.survey:${campaignId}:${enterpriseId}:${day}`,
      to,
      kind: 'revisit.survey',
      subject: `${year}`,
      page: `${SURVEY_PAGE}?campaignId=${encodeURIComponent(campaignId)}`,
      template: 'revisitReminder',
      data: { thing1: thing(`${year} 年度满意度回访`), thing2: thing('请填写年度满意度问卷'), time3: shanghaiDateTime(at) },
      at,
    }));
    return (await notifyQuietly(notices, at)).sent;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'revisit.remindSurvey', campaignId, error: String(e) }));
    return 0;
  }
}
