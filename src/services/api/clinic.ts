import type { ClinicContract } from '@core/contract/clinic';
import { clinicPolicy } from '@core/contract/clinic.policy';
import { client } from './client';

/** `clinic`: the contract's actions (core/contract/clinic.ts), typed. */
export const clinicApi = client<ClinicContract>('clinic', clinicPolicy);
