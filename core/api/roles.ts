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

/** Staff-side roles: may see the staff subpackage. */
export const StaffRoles: readonly Role[] = ['staff', 'instructor', 'admin'];
