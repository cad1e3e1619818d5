import type { UserContract } from '@core/contract/user';
import { userPolicy } from '@core/contract/user.policy';
import { client } from './client';

/** `user`: the contract's actions (core/contract/user.ts), typed. */
export const userApi = client<UserContract>('user', userPolicy);
