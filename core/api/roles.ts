/**
 * Who a caller is, decided on the server from the caller's openid. `district` (区级督导) oversees
 * every community of the environment read-only: the district overview, any community's
 * dashboard and problem list; everyone else is confined to their own community.
 */
export const Roles = ['guest', 'worker', 'manager', 'volunteer', 'staff', 'instructor', 'unit', 'admin', 'district'] as const;
export type Role = (typeof Roles)[number];

/** 律师 / 会计师 / 税务师 / 银行金融专员 */
export const Professions = ['lawyer', 'accountant', 'tax_advisor', 'finance'] as const;
export type Profession = (typeof Professions)[number];

/** Staff-side roles (工作人员, 党建指导员, 管理员): may see the staff subpackage, read the community's figures. */
export const StaffRoles: readonly Role[] = ['staff', 'instructor', 'admin'];
/** Staff and admins: they curate (catalogue, forms, campaigns, master data, moderation). */
export const CuratorRoles: readonly Role[] = ['staff', 'admin'];
/** The people served who ask, book and evaluate: workers and their enterprises' managers. */
export const ServedRoles: readonly Role[] = ['worker', 'manager'];
/** Everyone with a user record (all roles but guest). */
export const MemberRoles: readonly Role[] = Roles.filter((r) => r !== 'guest');
