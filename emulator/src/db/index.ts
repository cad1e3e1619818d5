/**
 * The emulator's database: CloudBase's `database.*` actions over an embedded, durable,
 * indexed document store with MongoDB semantics (mingo). The composition layer creates one
 * per data directory and registers it with `server.addAdminHandler(db)`.
 */
import type { IndexDeclaration } from '../contracts';
import { Database, openDatabase, type DatabaseOptions } from './database';

export { Database } from './database';
export type { DatabaseOptions, DatabaseStats, ScanStats } from './database';
export { DbErrorCode, isDuplicateKeyError } from './db-errors';

export type CreateDatabaseOptions = DatabaseOptions & { dataDir: string; indexes?: IndexDeclaration[] };

/** Open (or create) the database stored under `opts.dataDir`, replaying its log. */
export function createDatabase(opts: CreateDatabaseOptions): Promise<Database> {
  return openDatabase(opts);
}
