/**
 * account — 我的数据 and 注销 (PIPL arts. 45 and 47): a person's data export and account deletion.
 * Owns `account_deletions`. Crosses every module by design, through one declared table
 * (personal-data.ts: which collection holds what about a person); see server/db/schema.ts.
 */
export * as accountUseCases from './account.use-cases';
