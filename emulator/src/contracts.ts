/**
 * The seams between the emulator's parts. `http/server.ts` owns the HTTP listener and routes:
 *   POST /admin                 the SDK's wire protocol; `action` prefix picks the part:
 *                               database.* -> Database, storage.* -> Storage,
 *                               functions.* -> FunctionRunner, wx.* -> WxOpenApi
 *   PUT  /storage/cos/<path>    the upload URL handed out by storage.getUploadMetadata
 *   GET  /storage/files/<path>  temporary download URLs
 *   POST /functions/<name>      dev gateway (event as body, caller in X-Openid)
 *   /__emulator/...             dev endpoints: clock, triggers, outbox, health, indexes
 * Every part throws EmulatorError for a CloudBase-style error; the server answers it as
 * HTTP 200 `{ code, message, requestId }`, exactly as CloudBase does.
 */

export class EmulatorError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** Metadata of one /admin request. */
export interface RequestMeta {
  requestId: string;
  /** `wxCloudApiToken` of the body: the runner gives each invocation its own, so requests can be attributed. */
  invocationToken?: string;
  /** Documents the request examined and returned, filled in by the database as it answers. */
  reads?: { examined: number; returned: number };
  /** The collection a database request names (`collectionName`), for the invocation's trail. */
  collection?: string;
}

/** An index declaration, shared with server/db/schema.ts (the app's indexes as code). */
export interface IndexDeclaration {
  collection: string;
  name: string;
  /** field path -> 1 | -1. Equality lookups use the first field. */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

/** A part that answers some /admin actions. `answer` is the JSON object sent back (requestId added by the server). */
export interface AdminActionHandler {
  handles(action: string): boolean;
  handle(action: string, body: Record<string, unknown>, meta: RequestMeta): Promise<Record<string, unknown>>;
}
