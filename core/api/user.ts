import type { NotifyActions } from './notify';
import type { Profession, Role } from './roles';

export type Locale = 'zh-CN' | 'en';

export interface EnterpriseSummary {
  id: string;
  name: string;
  nameEn?: string;
}

/** `user.me`: who am I. A guest (no user record yet) gets role 'guest' and no profile. */
export interface Me {
  openid: string;
  role: Role;
  name?: string;
  communityId?: string;
  communityName?: string;
  /** Shown instead of communityName when the app is in English. */
  communityNameEn?: string;
  enterprise?: EnterpriseSummary;
  workshop?: string;
  profession?: Profession;
  volunteerStatus?: 'pending' | 'approved' | 'rejected';
  unitId?: string;
  locale: Locale;
  largeText: boolean;
  privacyAcceptedAt?: string;
  /** A 注销 began and has not finished (a timeout): the app finishes it with user.deleteAccount. */
  deleting?: boolean;
}

/** Where the app should land after `user.enterByScene`. */
export interface EntryLanding {
  me: Me;
  /** A page path of the app, e.g. 'pages/index/index'. */
  page: string;
  kind: 'enterprise' | 'workshop' | 'station';
  targetName: string;
  /** True when this scan bound the caller as a worker of the enterprise. */
  bound: boolean;
}

/** 我的数据: the file (.xlsx, in cloud storage, readable through a short-lived link) listing what the service holds about the caller. */
export interface MyDataFile {
  fileID: string;
  url: string;
  fileName: string;
  /** Records per kind (profile 1, questions n …), what the file lists. */
  counts: Record<string, number>;
  createdAt: string;
}

/** 注销 done: the same answer to every retry. `reference` names the deletion in the audit log (no personal data). */
export interface AccountDeleted {
  deleted: true;
  reference: string;
  at: string;
}

/** Also the person's inbox, notification settings and to-dos (notify.ts). */
export interface UserActions extends NotifyActions {
  me: { in: Record<string, never>; out: Me };
  /** The communities a volunteer can apply to (public). */
  communities: { in: Record<string, never>; out: { id: string; name: string; nameEn?: string }[] };
  /** Resolve a QR scene; binds a guest to its enterprise as a worker (needs acceptPrivacy the first time). */
  enterByScene: { in: { scene: string; acceptPrivacy?: boolean }; out: EntryLanding };
  updateSettings: { in: { locale?: Locale; largeText?: boolean; name?: string }; out: Me };
  /** A manager joins an enterprise with an invite code issued by staff. */
  joinEnterprise: { in: { inviteCode: string; name: string; acceptPrivacy?: boolean }; out: Me };
  /** A professional asks to volunteer; staff approve. */
  applyVolunteer: {
    in: { profession: Profession; name: string; organisation: string; phone: string; communityId?: string; acceptPrivacy?: boolean };
    out: Me;
  };
  /** 我的数据: writes the caller's data file and answers a link to it (only the caller gets the link). */
  myData: { in: Record<string, never>; out: MyDataFile };
  /** 注销: deletes the caller's account; personal fields removed everywhere, case records kept anonymised. */
  deleteAccount: { in: { confirm: true }; out: AccountDeleted };
}
