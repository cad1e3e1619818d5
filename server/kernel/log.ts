/**
 * One structured line per call, so a user's report (they see the request id) can be traced in
 * CloudBase's log search or the emulator's console. Silenced with LOG_LEVEL=silent (tests).
 */
export interface CallLog {
  fn: string;
  action: string;
  role: string;
  ms: number;
  /** Database requests the call made (reads, writes, aggregations, transaction steps). */
  db: number;
  code: string;
  requestId: string;
}

export function logCall(entry: CallLog): void {
  if (process.env.LOG_LEVEL === 'silent') return;
  console.log(JSON.stringify({ level: entry.code === 'INTERNAL' ? 'error' : 'info', ...entry }));
}
