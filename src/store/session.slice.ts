import type { UserActions } from '@core/contract';
import type { Me } from '@core/api/user';
import { toApiError, type ApiError } from '../services/api-error';
import { userApi } from '../services/api/user';
import type { LoadStatus, Slice } from './types';

export interface SessionSlice {
  me?: Me;
  meStatus: LoadStatus;
  meError?: ApiError;
  /** Who am I: asks the server, then follows the user's saved settings. */
  loadMe: () => Promise<Me | undefined>;
  /** Resolves a QR scene; throws ApiError (USER.PRIVACY_REQUIRED asks for the notice first). */
  enterByScene: (input: UserActions['enterByScene']['in'], idempotencyKey: string) => Promise<UserActions['enterByScene']['out']>;
  joinEnterprise: (input: UserActions['joinEnterprise']['in'], idempotencyKey: string) => Promise<Me>;
  applyVolunteer: (input: UserActions['applyVolunteer']['in'], idempotencyKey: string) => Promise<Me>;
  /** The communities a volunteer may apply to (public reference data). */
  communities?: UserActions['communities']['out'];
  loadCommunities: () => Promise<UserActions['communities']['out']>;
  /** Forget who we are (dev "switch user"). */
  clearSession: () => void;
  /** 我的数据: the caller's data file, made anew (its link lasts ten minutes). */
  downloadMyData: () => Promise<UserActions['myData']['out']>;
  /** 注销: deletes the account; afterwards the app holds no one (the same key on a retry). */
  deleteAccount: (idempotencyKey: string) => Promise<UserActions['deleteAccount']['out']>;
}

export const createSessionSlice: Slice<SessionSlice> = (set, get) => ({
  me: undefined,
  meStatus: 'idle',
  meError: undefined,
  loadMe: async () => {
    set({ meStatus: 'loading', meError: undefined });
    const readAtVersion = get().settingsVersion;
    try {
      const me = await userApi.me();
      set({ me, meStatus: 'ready' });
      get().adoptServerSettings(me, readAtVersion);
      return me;
    } catch (e) {
      set({ meStatus: 'error', meError: toApiError(e) });
      return undefined;
    }
  },
  enterByScene: async (input, key) => {
    const readAtVersion = get().settingsVersion;
    const landing = await userApi.enterByScene(input, key);
    set({ me: landing.me, meStatus: 'ready', meError: undefined });
    get().adoptServerSettings(landing.me, readAtVersion);
    return landing;
  },
  joinEnterprise: async (input, key) => {
    const me = await userApi.joinEnterprise(input, key);
    set({ me, meStatus: 'ready' });
    return me;
  },
  applyVolunteer: async (input, key) => {
    const me = await userApi.applyVolunteer(input, key);
    set({ me, meStatus: 'ready' });
    return me;
  },
  communities: undefined,
  loadCommunities: async () => {
    const cached = get().communities;
    if (cached) return cached;
    const communities = await userApi.communities();
    set({ communities });
    return communities;
  },
  clearSession: () => set({ me: undefined, meStatus: 'idle', meError: undefined }),
  downloadMyData: () => userApi.myData(),
  deleteAccount: async (key) => {
    const done = await userApi.deleteAccount({ confirm: true }, key);
    set({ me: undefined, meStatus: 'idle', meError: undefined });
    return done;
  },
});
