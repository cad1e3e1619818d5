import * as z from 'zod/mini';
import { action, defineFunction } from '../kernel/define-function';
import { cursor, docId, intBetween, mobile, openid, role, shortText } from '../kernel/schemas';
import * as uc from '../modules/admin/admin.use-cases';

const staffSide = ['staff', 'instructor', 'admin'] as const;
const staffOrAdmin = ['staff', 'admin'] as const;

/** `admin`: staff and admin management of the community's people and entry points. */
export const adminFunction = defineFunction({
  name: 'admin',
  actions: {
    listEnterprises: action({
      input: z.strictObject({ cursor, keyword: z.optional(shortText(40)) }),
      roles: staffSide,
      handler: uc.listEnterprises,
    }),
    createEnterprise: action({
      input: z.strictObject({
        name: shortText(60),
        nameEn: z.optional(shortText(100)),
        creditCode: z.string().check(z.trim(), z.minLength(18), z.maxLength(22)),
        address: z.optional(shortText(120)),
        contactName: z.optional(shortText()),
        contactPhone: z.optional(mobile),
        workshops: z.optional(z.array(shortText(30)).check(z.maxLength(50))),
      }),
      roles: staffOrAdmin,
      write: true,
      handler: uc.createEnterprise,
    }),
    issueInvite: action({
      input: z.strictObject({ enterpriseId: docId, maxUses: z.optional(intBetween(1, 20)), validDays: z.optional(intBetween(1, 90)) }),
      roles: staffSide,
      write: true,
      handler: uc.issueInvite,
    }),
    createEntryCode: action({
      input: z.strictObject({ kind: z.enum(['enterprise', 'workshop', 'station']), enterpriseId: z.optional(docId), workshop: z.optional(shortText(30)), label: z.optional(shortText(60)) }),
      roles: staffOrAdmin,
      write: true,
      handler: uc.createEntryCode,
    }),
    listEntryCodes: action({ input: z.strictObject({ cursor }), roles: staffSide, handler: uc.listEntryCodes }),
    listUsers: action({
      input: z.strictObject({ role: z.optional(role), volunteerStatus: z.optional(z.enum(['pending', 'approved', 'rejected'])), cursor }),
      roles: staffSide,
      handler: uc.listUsers,
    }),
    reviewVolunteer: action({
      input: z.strictObject({ openid, approve: z.boolean(), note: z.optional(shortText(200)) }),
      roles: staffOrAdmin,
      write: true,
      handler: uc.reviewVolunteer,
    }),
    setRole: action({
      input: z.strictObject({ openid, role, unitId: z.optional(docId), note: z.optional(shortText(200)) }),
      roles: ['admin'],
      write: true,
      handler: uc.setRole,
    }),
    listAudit: action({ input: z.strictObject({ cursor, targetOpenid: z.optional(openid) }), roles: staffOrAdmin, handler: uc.listAudit }),
  },
});
