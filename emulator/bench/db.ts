/**
 * Database figures through the real SDK: a round trip's p50/p95, and a `where` on one field at
 * 100k documents with the field indexed versus the same query on an unindexed field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { pointSdkAt } from '../../scripts/lib/sdk-env';
import { startEmulator } from '../src/index';
import { percentile, sample } from './stats';

const DOCS = 100_000;
const BATCH = 1000;

export async function benchDatabase(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-db-'));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    logLevel: 'silent',
    triggers: false,
    indexes: [{ collection: 'bench', name: 'by_owner', keys: { owner: 1 } }],
  });
  try {
    pointSdkAt(emulator.url, 'bench');
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
    await db.createCollection('bench');
    const col = db.collection('bench');
    await col.add({ _id: 'probe', owner: 'o-probe', n: 0 });

    const get = await sample(300, () => col.doc('probe').get());
    const upd = await sample(300, (i) => col.doc('probe').update({ n: i }));

    // Snapshot isolation: a second transaction writing a document another one holds is refused at
    // once (first writer wins), so detecting a conflict costs one round trip and no lock wait.
    type Tx = Awaited<ReturnType<typeof db.startTransaction>>;
    const conflicts: number[] = [];
    for (let i = 0; i < 100; i++) {
      const first: Tx = await db.startTransaction();
      const second: Tx = await db.startTransaction();
      await first.collection('bench').doc('probe').update({ n: 1 });
      const t0 = performance.now();
      const refused = await second
        .collection('bench')
        .doc('probe')
        .update({ n: 2 })
        .then(
          () => false,
          (e: { code?: string }) => e.code === 'DATABASE_TRANSACTION_CONFLICT',
        );
      const ms = performance.now() - t0;
      if (!refused) throw new Error('the second writer was not refused');
      await first.rollback();
      conflicts.push(ms);
    }

    const loadStart = performance.now();
    for (let b = 0; b < DOCS / BATCH; b++) {
      const docs = Array.from({ length: BATCH }, (_, i) => {
        const n = b * BATCH + i;
        // 10k owners (10 documents each); `tag` holds the same values but has no index.
        return { owner: `o-${n % 10_000}`, tag: `o-${n % 10_000}`, n, at: new Date() };
      });
      await col.add(docs);
    }
    const loadMs = performance.now() - loadStart;

    const indexed = await sample(100, (i) => col.where({ owner: `o-${(i * 97) % 10_000}` }).get());
    const unindexed = await sample(20, (i) => col.where({ tag: `o-${(i * 97) % 10_000}` }).get());
    const stats = emulator.database.stats();
    return {
      'doc().get() round trip p50 (ms)': percentile(get, 50),
      'doc().get() round trip p95 (ms)': percentile(get, 95),
      'doc().update() round trip p50 (ms)': percentile(upd, 50),
      'doc().update() round trip p95 (ms)': percentile(upd, 95),
      'write conflict detected (second writer refused, no lock wait) p50 (ms)': percentile(conflicts, 50),
      'write conflict detected p95 (ms)': percentile(conflicts, 95),
      [`insert ${DOCS} docs in batches of ${BATCH} (s)`]: loadMs / 1000,
      [`where on indexed field at ${DOCS / 1000}k docs p50 (ms)`]: percentile(indexed, 50),
      [`where on indexed field at ${DOCS / 1000}k docs p95 (ms)`]: percentile(indexed, 95),
      [`same where, unindexed field p50 (ms)`]: percentile(unindexed, 50),
      [`same where, unindexed field p95 (ms)`]: percentile(unindexed, 95),
      'queries served by an index / full scans': `${stats.scans.indexed} / ${stats.scans.full}`,
    };
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
