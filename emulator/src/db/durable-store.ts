/**
 * The database's disk format: a snapshot plus an append-only write-ahead log of committed
 * changes, one line per commit (`<crc32> <json>\n`). A commit is acknowledged only after its
 * line is written and fsync'd; writers that arrive while an fsync is in flight are batched into
 * the next one (group commit), so N concurrent writers cost ~2 fsyncs, not N.
 *
 * Recovery loads the snapshot and replays every log line with a higher sequence number. Only a
 * crash can leave a bad line, and only at the end of the newest segment: that tail is cut off
 * (it was never acknowledged). A bad line anywhere else is corruption and refuses to open.
 *
 * Compaction writes a new snapshot without stopping writers: the caller captures an immutable
 * view and its sequence number in one synchronous step, a rotation marker queued at that same
 * moment splits the log, and segments older than the marker are deleted once the snapshot is
 * durably renamed into place.
 */
import { promises as fsp, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Doc } from './ejson-codec';
import { fromStoredEjson, toEjsonObject } from './ejson-codec';

export type DocId = string | number;

export type WalChange =
  | { op: 'put'; coll: string; doc: Doc }
  | { op: 'del'; coll: string; id: DocId }
  | { op: 'mk'; coll: string }
  | { op: 'rm'; coll: string };

export interface LoadedState {
  /** Collection -> documents in stored (natural) order. */
  collections: Map<string, Map<string, Doc>>;
  lastSeq: number;
  recovery: { snapshotSeq: number; replayedRecords: number; truncatedBytes: number };
}

export interface DurableStoreOptions {
  /** fsync each commit batch (default true). Off is faster but loses acknowledged writes on power loss. */
  sync?: boolean;
}

export interface StoreStats {
  segments: number;
  walBytes: number;
  records: number;
  fsyncs: number;
  snapshots: number;
  lastSnapshotSeq: number;
}

const SNAPSHOT_FILE = 'snapshot.ndjson';
const SNAPSHOT_TMP = 'snapshot.ndjson.tmp';
const LOCK_FILE = 'LOCK';
const SEGMENT_RE = /^wal-(\d{8})\.log$/;
const SNAPSHOT_FORMAT = 'cloudbase-emulator-snapshot';
const SNAPSHOT_CHUNK_BYTES = 1 << 20;

/** Data directories opened by this process: a second open would interleave two logs. */
const openDirs = new Set<string>();

type Pending =
  | { kind: 'record'; line: string; resolve: () => void; reject: (e: Error) => void }
  | { kind: 'rotate'; resolve: (closedSegment: number) => void; reject: (e: Error) => void };

export function idKeyOf(id: DocId): string {
  return typeof id === 'string' ? id : `\u0000n${id}`;
}

function segmentName(n: number): string {
  return `wal-${String(n).padStart(8, '0')}.log`;
}

function crcHex(text: string): string {
  return zlib.crc32(text).toString(16).padStart(8, '0');
}

export class DurableStore {
  private segmentNo = 0;
  private segment?: fsp.FileHandle;
  private segmentBytes = 0;
  private olderSegmentBytes = 0;
  private readonly pending: Pending[] = [];
  private flushing = false;
  private failure?: Error;
  private closed = false;
  private readonly counters = { records: 0, fsyncs: 0, snapshots: 0, lastSnapshotSeq: 0 };
  private segmentsOnDisk = new Set<number>();

  private constructor(
    readonly dir: string,
    private readonly sync: boolean,
  ) {}

  static async open(dir: string, options: DurableStoreOptions = {}): Promise<{ store: DurableStore; state: LoadedState }> {
    const resolved = path.resolve(dir);
    if (openDirs.has(resolved)) throw new Error(`data directory ${resolved} is already open in this process`);
    await fsp.mkdir(resolved, { recursive: true });
    await acquireDirLock(resolved);
    openDirs.add(resolved);
    const store = new DurableStore(resolved, options.sync !== false);
    try {
      const state = await store.load();
      await store.openSegment(store.segmentNo + 1);
      return { store, state };
    } catch (e) {
      openDirs.delete(resolved);
      await fsp.rm(path.join(resolved, LOCK_FILE), { force: true });
      throw e;
    }
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** Bytes of log written since the last snapshot (what a restart would replay). */
  get logBytes(): number {
    return this.segmentBytes + this.olderSegmentBytes;
  }

  stats(): StoreStats {
    return {
      segments: this.segmentsOnDisk.size,
      walBytes: this.logBytes,
      records: this.counters.records,
      fsyncs: this.counters.fsyncs,
      snapshots: this.counters.snapshots,
      lastSnapshotSeq: this.counters.lastSnapshotSeq,
    };
  }

  /** Queue one commit; resolves once it is on disk. Call in commit order (seq ascending). */
  append(seq: number, changes: WalChange[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('store is closed'));
    const json = JSON.stringify({ s: seq, c: changes.map(encodeChange) });
    const line = `${crcHex(json)} ${json}\n`;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ kind: 'record', line, resolve, reject });
      this.kick();
    });
  }

  /**
   * Write a snapshot of `view` (captured by the caller at `seq`, in the same synchronous step
   * as this call) and drop the log segments it supersedes.
   */
  async snapshot(seq: number, view: Array<[string, Doc[]]>): Promise<void> {
    if (this.failure) throw this.failure;
    const closedSegment = await new Promise<number>((resolve, reject) => {
      this.pending.push({ kind: 'rotate', resolve, reject });
      this.kick();
    });
    const tmp = path.join(this.dir, SNAPSHOT_TMP);
    const fh = await fsp.open(tmp, 'w');
    let documents = 0;
    try {
      const header = { format: SNAPSHOT_FORMAT, version: 1, seq, collections: view.map(([name]) => name) };
      let buf = JSON.stringify(header) + '\n';
      for (const [name, docs] of view) {
        for (const doc of docs) {
          buf += JSON.stringify([name, toEjsonObject(doc)]) + '\n';
          documents++;
          if (buf.length >= SNAPSHOT_CHUNK_BYTES) {
            await fh.write(buf);
            buf = '';
          }
        }
      }
      buf += JSON.stringify({ end: true, documents }) + '\n';
      await fh.write(buf);
      if (this.sync) await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, path.join(this.dir, SNAPSHOT_FILE));
    if (this.sync) await syncDir(this.dir);
    for (const n of [...this.segmentsOnDisk]) {
      if (n <= closedSegment) {
        await fsp.rm(path.join(this.dir, segmentName(n)), { force: true });
        this.segmentsOnDisk.delete(n);
      }
    }
    this.olderSegmentBytes = 0;
    this.counters.snapshots++;
    this.counters.lastSnapshotSeq = seq;
  }

  /** Flush what is queued, close the log and release the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      if (!this.flushing && this.pending.length === 0) return resolve();
      const check = () => (!this.flushing && this.pending.length === 0 ? resolve() : setTimeout(check, 2));
      check();
    });
    this.closed = true;
    await this.segment?.close().catch(() => undefined);
    this.segment = undefined;
    openDirs.delete(this.dir);
    await fsp.rm(path.join(this.dir, LOCK_FILE), { force: true });
  }

  private kick(): void {
    if (!this.flushing) void this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch: Pending[] = [];
        while (this.pending.length > 0 && this.pending[0].kind === 'record') batch.push(this.pending.shift()!);
        if (batch.length > 0) await this.writeBatch(batch as Array<Extract<Pending, { kind: 'record' }>>);
        const next = this.pending[0];
        if (next && next.kind === 'rotate') {
          this.pending.shift();
          try {
            const closed = this.segmentNo;
            await this.openSegment(closed + 1);
            next.resolve(closed);
          } catch (e) {
            this.fail(e as Error);
            next.reject(e as Error);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async writeBatch(batch: Array<Extract<Pending, { kind: 'record' }>>): Promise<void> {
    if (this.failure) {
      for (const p of batch) p.reject(this.failure);
      return;
    }
    try {
      const data = batch.map((p) => p.line).join('');
      await this.segment!.write(data);
      if (this.sync) {
        await this.segment!.datasync();
        this.counters.fsyncs++;
      }
      this.segmentBytes += Buffer.byteLength(data);
      this.counters.records += batch.length;
      for (const p of batch) p.resolve();
    } catch (e) {
      this.fail(e as Error);
      for (const p of batch) p.reject(this.failure!);
    }
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = new Error(`write-ahead log failure: ${e.message}`);
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }

  private async openSegment(n: number): Promise<void> {
    const previous = this.segment;
    if (previous) {
      if (this.sync) await previous.sync();
      await previous.close();
      this.olderSegmentBytes += this.segmentBytes;
    }
    this.segment = await fsp.open(path.join(this.dir, segmentName(n)), fsConstants.O_CREAT | fsConstants.O_WRONLY | fsConstants.O_APPEND);
    if (this.sync) await syncDir(this.dir);
    this.segmentNo = n;
    this.segmentBytes = 0;
    this.segmentsOnDisk.add(n);
  }

  private async load(): Promise<LoadedState> {
    const names = await fsp.readdir(this.dir);
    await fsp.rm(path.join(this.dir, SNAPSHOT_TMP), { force: true });
    const collections = new Map<string, Map<string, Doc>>();
    let snapshotSeq = 0;
    if (names.includes(SNAPSHOT_FILE)) snapshotSeq = await this.loadSnapshot(collections);
    const segments = names
      .map((n) => SEGMENT_RE.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    let lastSeq = snapshotSeq;
    let replayed = 0;
    let truncated = 0;
    for (let i = 0; i < segments.length; i++) {
      const n = segments[i];
      const file = path.join(this.dir, segmentName(n));
      const text = await fsp.readFile(file, 'utf8');
      const isLast = i === segments.length - 1;
      let offset = 0;
      let lineNo = 0;
      while (offset < text.length) {
        const nl = text.indexOf('\n', offset);
        const line = nl < 0 ? text.slice(offset) : text.slice(offset, nl);
        lineNo++;
        const record = nl < 0 ? undefined : parseLogLine(line);
        if (!record) {
          if (!isLast) throw new Error(`write-ahead log ${segmentName(n)} is corrupt at line ${lineNo}; refusing to open ${this.dir}`);
          const goodBytes = Buffer.byteLength(text.slice(0, offset));
          truncated = Buffer.byteLength(text) - goodBytes;
          await fsp.truncate(file, goodBytes);
          break;
        }
        offset = nl + 1;
        if (record.s <= lastSeq) continue;
        applyRecord(collections, record.c);
        lastSeq = record.s;
        replayed++;
      }
      this.segmentsOnDisk.add(n);
      this.olderSegmentBytes += (await fsp.stat(file)).size;
      this.segmentNo = Math.max(this.segmentNo, n);
    }
    this.counters.lastSnapshotSeq = snapshotSeq;
    return { collections, lastSeq, recovery: { snapshotSeq, replayedRecords: replayed, truncatedBytes: truncated } };
  }

  private async loadSnapshot(collections: Map<string, Map<string, Doc>>): Promise<number> {
    const text = await fsp.readFile(path.join(this.dir, SNAPSHOT_FILE), 'utf8');
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const header = JSON.parse(lines[0] ?? 'null') as { format?: string; seq?: number; collections?: string[] } | null;
    const trailer = JSON.parse(lines[lines.length - 1] ?? 'null') as { end?: boolean; documents?: number } | null;
    if (!header || header.format !== SNAPSHOT_FORMAT || typeof header.seq !== 'number' || !trailer?.end) {
      throw new Error(`snapshot in ${this.dir} is incomplete or not a snapshot; refusing to open`);
    }
    for (const name of header.collections ?? []) collections.set(name, new Map());
    let documents = 0;
    for (let i = 1; i < lines.length - 1; i++) {
      const [name, raw] = JSON.parse(lines[i]) as [string, unknown];
      const doc = fromStoredEjson(raw) as Doc;
      let coll = collections.get(name);
      if (!coll) collections.set(name, (coll = new Map()));
      coll.set(idKeyOf(doc._id as DocId), doc);
      documents++;
    }
    if (documents !== trailer.documents) throw new Error(`snapshot in ${this.dir} holds ${documents} documents, expected ${trailer.documents}`);
    return header.seq;
  }
}

type EncodedChange = ['put', string, unknown] | ['del', string, DocId] | ['mk', string] | ['rm', string];

function encodeChange(c: WalChange): EncodedChange {
  switch (c.op) {
    case 'put':
      return ['put', c.coll, toEjsonObject(c.doc)];
    case 'del':
      return ['del', c.coll, c.id];
    case 'mk':
      return ['mk', c.coll];
    case 'rm':
      return ['rm', c.coll];
  }
}

function parseLogLine(line: string): { s: number; c: EncodedChange[] } | undefined {
  if (line.length < 10 || line[8] !== ' ') return undefined;
  const json = line.slice(9);
  if (crcHex(json) !== line.slice(0, 8)) return undefined;
  try {
    const rec = JSON.parse(json) as { s: number; c: EncodedChange[] };
    return typeof rec.s === 'number' && Array.isArray(rec.c) ? rec : undefined;
  } catch {
    return undefined;
  }
}

function applyRecord(collections: Map<string, Map<string, Doc>>, changes: EncodedChange[]): void {
  for (const ch of changes) {
    switch (ch[0]) {
      case 'mk':
        if (!collections.has(ch[1])) collections.set(ch[1], new Map());
        break;
      case 'rm':
        collections.delete(ch[1]);
        break;
      case 'put': {
        const doc = fromStoredEjson(ch[2]) as Doc;
        let coll = collections.get(ch[1]);
        if (!coll) collections.set(ch[1], (coll = new Map()));
        coll.set(idKeyOf(doc._id as DocId), doc);
        break;
      }
      case 'del':
        collections.get(ch[1])?.delete(idKeyOf(ch[2]));
        break;
    }
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** One process per data directory; a lock left by a killed process is taken over. */
async function acquireDirLock(dir: string): Promise<void> {
  const lockPath = path.join(dir, LOCK_FILE);
  const existing = await fsp.readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number(existing.trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new Error(`data directory ${dir} is in use by process ${pid}`);
  }
  await fsp.writeFile(lockPath, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
