import type { RevisitActions } from '@core/contract';
import type { CampaignTargetView, CampaignView, SurveyResponseView } from '@core/api/revisit';
import { revisitApi } from '../../services/api/revisit';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { idle, type Loaded, loader, ready } from '../loaders';
import { type RevisitSlice, type RevisitState } from './revisit-types';

export type TargetFilter = 'pending' | 'answered' | undefined;
export type RecordInput = RevisitActions['recordRevisit']['in'];

/** 回访活动: the yearly campaigns, one campaign's figures and targets, reminders and 代填. */
export interface RevisitCampaignsSlice {
  campaigns: Loaded<CampaignView[]>;
  loadCampaigns: () => Promise<void>;
  /** Launches a year's campaign: it joins the list and becomes the campaign on screen. */
  launchCampaign: (year: number, formId: string, idempotencyKey: string) => Promise<CampaignView>;
  campaign: Loaded<CampaignView>;
  loadCampaign: (id: string) => Promise<void>;
  closeCampaign: (id: string, idempotencyKey: string) => Promise<CampaignView>;
  /** The campaign on screen's targets (filter: pending / answered / all). */
  targetsOf?: string;
  targetFilter: TargetFilter;
  targets: Paged<CampaignTargetView>;
  loadTargets: (campaignId: string, filter?: TargetFilter) => Promise<void>;
  loadMoreTargets: () => Promise<void>;
  /** 催办: reminds the non-responders (all, or the ones listed); the targets reload to show the count. */
  remind: (campaignId: string, enterpriseIds: string[] | undefined, idempotencyKey: string) => Promise<{ sent: number; skipped: number }>;
  /** 代填: a phone / on-site revisit recorded for an enterprise; the figures, targets and answers reload. */
  recordRevisit: (input: RecordInput, idempotencyKey: string) => Promise<SurveyResponseView>;
  /** The campaign on screen's answers (答卷), newest first. */
  responsesOf?: string;
  responses: Paged<SurveyResponseView>;
  loadResponses: (campaignId: string) => Promise<void>;
  loadMoreResponses: () => Promise<void>;
}

export const createRevisitCampaignsSlice: RevisitSlice<RevisitCampaignsSlice> = (set, get) => {
  const load = loader<RevisitState>(get, set);
  const paged = pagedLoader<RevisitState>(get, set);
  const fetchTargets = (cursor?: string) => {
    const { targetsOf, targetFilter } = get();
    const input: RevisitActions['campaignTargets']['in'] = { id: targetsOf ?? '' };
    if (targetFilter) input.status = targetFilter;
    if (cursor) input.cursor = cursor;
    return revisitApi.campaignTargets(input);
  };
  const fetchResponses = (cursor?: string) => revisitApi.responses(cursor ? { id: get().responsesOf ?? '', cursor } : { id: get().responsesOf ?? '' });
  /** The campaign as the server answers it: on screen and in the list. */
  const adopt = (c: CampaignView) => {
    set({ campaign: ready(c.id, c) });
    const list = get().campaigns;
    if (list.data) {
      const data = list.data.some((x) => x.id === c.id) ? list.data.map((x) => (x.id === c.id ? c : x)) : [c, ...list.data];
      set({ campaigns: { ...list, data } });
    }
  };
  const refresh = async (campaignId: string) => {
    await Promise.all([
      get().loadCampaign(campaignId),
      get().targetsOf === campaignId ? paged<CampaignTargetView>('targets', fetchTargets, false) : undefined,
      get().responsesOf === campaignId ? paged<SurveyResponseView>('responses', fetchResponses, false) : undefined,
    ]);
  };
  return {
    campaigns: idle<CampaignView[]>(),
    loadCampaigns: () => load<CampaignView[]>('campaigns', 'all', () => revisitApi.listCampaigns()),
    launchCampaign: async (year, formId, idempotencyKey) => {
      const c = await revisitApi.launchCampaign({ year, formId }, idempotencyKey);
      adopt(c);
      return c;
    },
    campaign: idle<CampaignView>(),
    loadCampaign: (id) => load<CampaignView>('campaign', id, () => revisitApi.getCampaign({ id })),
    closeCampaign: async (id, idempotencyKey) => {
      const c = await revisitApi.closeCampaign({ id }, idempotencyKey);
      adopt(c);
      return c;
    },
    targetsOf: undefined,
    targetFilter: undefined,
    targets: emptyPaged<CampaignTargetView>(),
    loadTargets: (campaignId, filter) => {
      if (get().targetsOf !== campaignId) set({ targets: emptyPaged<CampaignTargetView>() });
      set({ targetsOf: campaignId, targetFilter: filter });
      return paged<CampaignTargetView>('targets', fetchTargets, false);
    },
    loadMoreTargets: () => paged<CampaignTargetView>('targets', fetchTargets, true),
    remind: async (campaignId, enterpriseIds, idempotencyKey) => {
      const input: RevisitActions['remind']['in'] = { id: campaignId };
      if (enterpriseIds?.length) input.enterpriseIds = enterpriseIds;
      const r = await revisitApi.remind(input, idempotencyKey);
      if (get().targetsOf === campaignId) await paged<CampaignTargetView>('targets', fetchTargets, false);
      return r;
    },
    recordRevisit: async (input, idempotencyKey) => {
      const r = await revisitApi.recordRevisit(input, idempotencyKey);
      await refresh(input.campaignId);
      return r;
    },
    responsesOf: undefined,
    responses: emptyPaged<SurveyResponseView>(),
    loadResponses: (campaignId) => {
      if (get().responsesOf !== campaignId) set({ responses: emptyPaged<SurveyResponseView>() });
      set({ responsesOf: campaignId });
      return paged<SurveyResponseView>('responses', fetchResponses, false);
    },
    loadMoreResponses: () => paged<SurveyResponseView>('responses', fetchResponses, true),
  };
};
