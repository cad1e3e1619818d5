import type { Profession, Role } from './roles';

export type EntryKind = 'enterprise' | 'workshop' | 'station';
/** Which version of the mini-program a code opens (wxacode.getUnlimited env_version): staff making codes in a trial build get trial codes. */
export type MiniProgramEnvVersion = 'release' | 'trial' | 'develop';
export const MiniProgramEnvVersions: readonly MiniProgramEnvVersion[] = ['release', 'trial', 'develop'];

export interface Enterprise {
  id: string;
  communityId: string;
  name: string;
  nameEn?: string;
  /** 统一社会信用代码, 18 characters, checksum-validated. */
  creditCode: string;
  address?: string;
  contactName?: string;
  /** Masked (138****5678) unless the caller's role needs it. */
  contactPhone?: string;
  workshops: string[];
  /** Its assigned liaison instructor (党建指导员): first to hear of and pass on its demands. */
  instructorOpenid?: string;
  createdAt: string;
}

export interface EntryCode {
  /** The QR scene, ≤ 32 characters. */
  scene: string;
  kind: EntryKind;
  enterpriseId?: string;
  workshop?: string;
  label: string;
  /** Temporary URL of the QR image (PNG). */
  imageUrl: string;
  fileID: string;
  createdAt: string;
  disabled: boolean;
}

export interface Invite {
  code: string;
  enterpriseId: string;
  enterpriseName: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
}

export interface UserRow {
  openid: string;
  role: Role;
  name?: string;
  enterpriseName?: string;
  profession?: Profession;
  volunteerStatus?: 'pending' | 'approved' | 'rejected';
  organisation?: string;
  /** Masked. */
  phone?: string;
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorOpenid: string;
  actorName?: string;
  action: string;
  targetOpenid?: string;
  from?: string;
  to?: string;
  note?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
