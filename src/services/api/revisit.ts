import type { RevisitContract } from '@core/contract/revisit';
import { revisitPolicy } from '@core/contract/revisit.policy';
import { client } from './client';

/** `revisit`: the contract's actions (core/contract/revisit.ts), typed. */
export const revisitApi = client<RevisitContract>('revisit', revisitPolicy);
