/**
 * Compile-time tests of the app's client (checked by `npm run typecheck`, never run): a call with
 * a field the action's schema does not take, or the wrong type, does not compile; the answer has
 * the contract's output type. Each `@ts-expect-error` must meet an error, or the unused directive
 * fails the typecheck.
 */
import { expectTypeOf } from 'expect-type';
import type { TicketDetail } from '@core/api/tickets';
import type { Me } from '@core/api/user';
import type { ActInput } from '../../store/tickets/tickets-detail.slice';
import { qaApi } from './qa';
import { ticketsApi } from './tickets';
import { userApi } from './user';

export async function clientCalls(): Promise<void> {
  expectTypeOf(await ticketsApi.get({ id: 't1' })).toEqualTypeOf<TicketDetail>();
  expectTypeOf(await userApi.me()).toEqualTypeOf<Me>();

  // 改派 says why in `reason`.
  await ticketsApi.act({ id: 't1', version: 3, act: 'redispatch', reason: '不属于本单位职责', leadUnitId: 'unit-hrss' }, 'key-1');
  // @ts-expect-error 改派 with a `note` where the act wants `reason` (the bug the contract now catches)
  await ticketsApi.act({ id: 't1', version: 3, act: 'redispatch', note: '不属于本单位职责', leadUnitId: 'unit-hrss' }, 'key-2');
  // @ts-expect-error a progress report carries a note, not a reason
  await ticketsApi.act({ id: 't1', version: 3, act: 'progress', reason: '进行中' });
  // @ts-expect-error an act the machine does not have
  await ticketsApi.act({ id: 't1', version: 3, act: 'approve' });
  // @ts-expect-error a field no action input has
  await qaApi.ask({ title: '工伤认定', description: '怎么办', category: 'hr', urgent: true }, 'key-3');
  // @ts-expect-error a wrong type (the version is a number)
  await ticketsApi.get({ id: 42 });
  // @ts-expect-error a required field missing (the ticket's id)
  await ticketsApi.act({ version: 3, act: 'accept' });

  // The store's act input (id and version added by the store) is the same union.
  const ok: ActInput = { act: 'return', reason: '不属于本单位职责' };
  // @ts-expect-error the store's act input refuses a note for 退单 too
  const wrong: ActInput = { act: 'return', note: '不属于本单位职责' };
  void ok;
  void wrong;
}
