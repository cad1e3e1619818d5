/**
 * CloudBase error codes the database answers with. Names come from the SDK source
 * (@cloudbase/database const/code.js) and CloudBase's published error-code list; where CloudBase
 * passes a MongoDB error through (duplicate keys, type errors) it does so as DATABASE_REQUEST_FAILED
 * with Mongo's own message text, which is what apps match on ("E11000 ...").
 */
import { EmulatorError } from '../contracts';

export const DbErrorCode = {
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  /** CloudBase's own spelling (sic). */
  INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  QUERY_NOT_INDEXED: 'DATABASE_QUERY_NOT_INDEXED',
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ACTION: 'INVALID_ACTION',
  /** The store could not make a write durable; the database refuses further writes. */
  STORAGE_FAILURE: 'DATABASE_REQUEST_FAILED',
} as const;

export function invalidParam(message: string): EmulatorError {
  return new EmulatorError(DbErrorCode.INVALID_PARAM, message);
}

export function requestFailed(message: string): EmulatorError {
  return new EmulatorError(DbErrorCode.REQUEST_FAILED, message);
}

export function invalidOperator(message: string): EmulatorError {
  return new EmulatorError(DbErrorCode.INVALID_OPERATOR, message);
}

export function collectionNotExist(name: string): EmulatorError {
  return new EmulatorError(DbErrorCode.COLLECTION_NOT_EXIST, `Db or Table not exist: ${name}`);
}

export function transactionConflict(message: string): EmulatorError {
  return new EmulatorError(DbErrorCode.TRANSACTION_CONFLICT, message);
}

/**
 * A transaction that is committed, rolled back, aborted by a conflict, expired or unknown: what
 * CloudBase answers for any use of it (docs.cloudbase.net, error-code DATABASE_TRANSACTION_FAIL).
 */
export function transactionNotExist(): EmulatorError {
  return new EmulatorError(
    DbErrorCode.TRANSACTION_FAIL,
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.',
  );
}

/** Mongo's E11000 text, so code written against production's message keeps working. */
export function duplicateKey(collection: string, indexName: string, keyText: string): EmulatorError {
  return new EmulatorError(
    DbErrorCode.REQUEST_FAILED,
    `E11000 duplicate key error collection: ${collection} index: ${indexName} dup key: ${keyText}`,
  );
}

export function isDuplicateKeyError(err: unknown): boolean {
  return err instanceof EmulatorError && err.message.startsWith('E11000 ');
}
