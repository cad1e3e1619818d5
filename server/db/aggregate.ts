import { getDb } from './client';

/** How many documents matching `match` each enterprise has (by aggregation over an indexed $match), up to 1000 enterprises. */
export async function countsByEnterprise(collection: string, match: Record<string, unknown>): Promise<Map<string, number>> {
  const $ = getDb().command.aggregate;
  const res = await getDb().collection(collection).aggregate().match(match).group({ _id: '$enterpriseId', n: $.sum(1) }).limit(1000).end();
  const out = new Map<string, number>();
  for (const row of (res.data ?? []) as Array<{ _id: string | null; n: number }>) if (row._id) out.set(row._id, row.n);
  return out;
}
