/**
 * Every collection the functions use, with its indexes and its client-access rule, declared once.
 * The emulator creates the same indexes (and flags queries no index serves); deploy creates them
 * in CloudBase. Clients never touch collections directly: every rule denies client access and
 * only cloud functions (which bypass rules with admin rights) read and write.
 */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  description: string;
  indexes: IndexSpec[];
  /** CloudBase security rule; "ADMINONLY" style rules deny every client read and write. */
  rule: { read: false; write: false };
}

const deny = { read: false, write: false } as const;

export const Collections = {
  communities: 'communities',
  users: 'users',
  enterprises: 'enterprises',
  invites: 'invites',
  entryCodes: 'entry_codes',
  audit: 'audit_log',
  requests: 'requests',
  questions: 'questions',
  qaMessages: 'qa_messages',
  faq: 'faq',
} as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];

export const Schema: CollectionSpec[] = [
  { name: Collections.communities, description: '工业社区: one service centre', indexes: [], rule: deny },
  {
    name: Collections.users,
    description: 'one document per WeChat openid (_id = openid): role, community, enterprise, settings',
    indexes: [
      { name: 'community_role', keys: { communityId: 1, role: 1 } },
      { name: 'enterprise', keys: { enterpriseId: 1 } },
      { name: 'community_volunteer_status', keys: { communityId: 1, volunteerStatus: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.enterprises,
    description: '企业 of a community',
    indexes: [
      { name: 'community_name', keys: { communityId: 1, name: 1 } },
      { name: 'credit_code', keys: { creditCode: 1 }, unique: true },
    ],
    rule: deny,
  },
  {
    name: Collections.invites,
    description: 'invite codes (_id = code) that make a person the manager of an enterprise',
    indexes: [{ name: 'enterprise', keys: { enterpriseId: 1 } }],
    rule: deny,
  },
  {
    name: Collections.entryCodes,
    description: 'QR entry codes (_id = scene) for an enterprise, a workshop or a clinic station',
    indexes: [{ name: 'community_created', keys: { communityId: 1, createdAt: -1 } }],
    rule: deny,
  },
  {
    name: Collections.audit,
    description: 'append-only audit of role changes and other privileged acts',
    indexes: [
      { name: 'community_at', keys: { communityId: 1, at: -1 } },
      { name: 'target', keys: { targetOpenid: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.requests,
    description: 'idempotency records: the answer to a write, by caller + action + client key',
    indexes: [],
    rule: deny,
  },
  {
    name: Collections.questions,
    description: '每日一问诊 questions: asker, category, status, claim, due time; the thread lives in qa_messages',
    indexes: [
      { name: 'asker_created', keys: { askerOpenid: 1, createdAt: -1 } },
      { name: 'enterprise_created', keys: { enterpriseId: 1, createdAt: -1 } },
      { name: 'community_status_created', keys: { communityId: 1, status: 1, createdAt: -1 } },
      { name: 'profession_status_created', keys: { profession: 1, status: 1, createdAt: -1 } },
      { name: 'overdue_notified_due', keys: { overdueNotified: 1, dueAt: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.qaMessages,
    description: 'one message of a question thread (answer, request for details, follow-up), never an array in the question',
    indexes: [{ name: 'question_created', keys: { questionId: 1, createdAt: 1 } }],
    rule: deny,
  },
  {
    name: Collections.faq,
    description: 'knowledge base entries (zh/en) with their search terms (Chinese bigrams + latin words)',
    indexes: [
      { name: 'terms', keys: { terms: 1 } },
      { name: 'community_published', keys: { communityId: 1, published: 1, publishedAt: -1 } },
      { name: 'published_at', keys: { published: 1, publishedAt: -1 } },
    ],
    rule: deny,
  },
];

/** The emulator's IndexDeclaration shape (collection + name + keys). */
export function indexDeclarations() {
  return Schema.flatMap((c) => c.indexes.map((i) => ({ collection: c.name, ...i })));
}
