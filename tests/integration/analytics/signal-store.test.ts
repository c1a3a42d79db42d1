import { describe, expect, it } from 'vitest';
import { readSignals, saveAnalyses, type Analysis } from '../../../analytics/scan/signal-store.js';
import type { Signal } from '../../../domain/signal.js';
import { tmpDbPerTest } from '../../helpers/tmp-db.js';

const AT = Date.UTC(2026, 9, 29, 12);

const analysis: Analysis = {
  analysis_id: 'no_signal@test',
  category: 'no_signal',
  at: AT,
  replicates: 999,
  seed: 1,
  analyses_per_day: 24,
  complaints: 40,
  recent: 9,
  most_likely_llr: 7.5,
  most_likely_p: 0.002,
};

function signal(id: string, expected: number, p: number): Signal {
  return {
    signal_id: id,
    category: 'no_signal',
    hexes: ['88283082a3fffff'],
    start: new Date(AT - 3_600_000).toISOString(),
    end: new Date(AT).toISOString(),
    observed: 5,
    expected,
    llr: 7.5,
    p_value: p,
    recurrence_interval_days: 1 / (p * 24),
    status: 'new',
    incident_ids: [],
  };
}

describe('signal store', () => {
  const tmp = tmpDbPerTest();

  // Regression: list parameters took the type of their first item, so a whole-number first value
  // (expected 2, p = 1) or a NULL first signal id refused the fractional or text items after it.
  it('stores signals and significance whose first values are whole numbers or NULL', async () => {
    const signals = [signal('sig_a', 2, 1), signal('sig_b', 2.5, 0.002)];
    const incidents = [
      { incident_id: 'inc_1', p_value: 1, recurrence_interval_days: 1 / 24, signal_id: null },
      { incident_id: 'inc_2', p_value: 0.002, recurrence_interval_days: 1 / (0.002 * 24), signal_id: 'sig_b' },
    ];
    await saveAnalyses(tmp.db, [{ analysis, signals, incidents }]);
    const stored = await readSignals(tmp.db, { analyses: [analysis.analysis_id] });
    expect(stored.map((s) => [s.signal_id, s.expected, s.p_value])).toEqual([
      ['sig_b', 2.5, 0.002],
      ['sig_a', 2, 1],
    ]);
    const significance = await tmp.db.all('SELECT * FROM incident_significance ORDER BY incident_id');
    expect(significance).toEqual([
      { incident_id: 'inc_1', p_value: 1, recurrence_interval_days: 1 / 24, signal_id: null },
      { incident_id: 'inc_2', p_value: 0.002, recurrence_interval_days: 1 / (0.002 * 24), signal_id: 'sig_b' },
    ]);
  });
});
