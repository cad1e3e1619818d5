import type { QaContract } from '@core/contract/qa';
import { qaPolicy } from '@core/contract/qa.policy';
import { client } from './client';

/** `qa`: the contract's actions (core/contract/qa.ts), typed. */
export const qaApi = client<QaContract>('qa', qaPolicy);
