import type { AdminContract } from '@core/contract/admin';
import { adminPolicy } from '@core/contract/admin.policy';
import { client } from './client';

/** `admin`: the contract's actions (core/contract/admin.ts), typed. */
export const adminApi = client<AdminContract>('admin', adminPolicy);
