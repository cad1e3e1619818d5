/**
 * 生成排班 previews before it saves (issue 15 #13): the preview answers the duties it would assign
 * and why each remaining gap stays, and writes nothing; saving then assigns exactly what the
 * preview showed, and every gap left carries its reason.
 */
import type { CoverageGapView, RotationResult } from '../../core/api/clinic';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { useTestEnv } from '../support/harness';

describe('rotation preview', () => {
  const env = useTestEnv('2027-03-01T10:00:00+08:00');
  const staff = 'demo-staff-zhang';
  const plan = (data: unknown) => env.ok<RotationResult>('clinic', 'planRotation', data, { as: staff, idempotencyKey: env.key() });
  const dutiesOf = async (month: string) => (await getDb().collection(Collections.clinicDuties).where({ monthKey: `xingping:${month}` }).limit(1000).get()).data.length;

  it('shows the plan and the reasons, writes nothing; saving writes what it showed', async () => {
    const month = '2027-06';
    const before = await dutiesOf(month);
    const preview = await plan({ month, preview: true });
    expect(preview.assigned).toBeGreaterThan(0);
    expect(preview.proposed).toHaveLength(preview.assigned);
    expect(preview.proposed!.every((d) => d.volunteerName && d.date.startsWith(month))).toBe(true);
    expect(preview.cap).toBeGreaterThan(0);
    for (const g of preview.gaps) expect(['no_volunteer', 'cap_reached', 'unavailable']).toContain(g.reason);
    expect(await dutiesOf(month)).toBe(before);

    const saved = await plan({ month });
    expect(saved.assigned).toBe(preview.assigned);
    expect(saved.gaps.map((g: CoverageGapView) => [g.sessionId, g.profession, g.missing, g.reason])).toEqual(preview.gaps.map((g) => [g.sessionId, g.profession, g.missing, g.reason]));
    expect(await dutiesOf(month)).toBe(before + preview.assigned);
  });
});
