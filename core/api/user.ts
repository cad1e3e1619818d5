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
