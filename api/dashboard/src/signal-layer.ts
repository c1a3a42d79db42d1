import type { Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { getJson } from './api-client';
import type { Signal } from './api-types';

export const SIGNAL_LAYER_ID = 'signals';

interface SignalHex {
  h3: string;
  signal: Signal;
}

/** Signals with at most this p-value are drawn (the rest are chance at the usual level). */
const DRAWN_P = 0.05;

/** The scan's signals at the newest complaint, of one category or all. */
export async function loadSignals(category: string): Promise<Signal[]> {
  const signals = await getJson<Signal[]>('v1/signals', { category: category || undefined }).catch(
    () => [] as Signal[],
  );
  return signals.filter((s) => s.p_value <= DRAWN_P);
}

/**
 * Significant scan signals as outlined hexagons: violet where no incident covers them (what the
 * rule missed), grey-blue where an incident does.
 */
export function signalLayer(signals: readonly Signal[]): Layer {
  const hexes: SignalHex[] = signals.flatMap((signal) => signal.hexes.map((h3) => ({ h3, signal })));
  const uncovered = (s: Signal): boolean => s.incident_ids.length === 0;
  return new H3HexagonLayer<SignalHex>({
    id: SIGNAL_LAYER_ID,
    data: hexes,
    getHexagon: (d) => d.h3,
    getFillColor: (d) => (uncovered(d.signal) ? [139, 92, 246, 70] : [71, 85, 105, 40]),
    getLineColor: (d) => (uncovered(d.signal) ? [109, 40, 217, 255] : [71, 85, 105, 200]),
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    stroked: true,
    extruded: false,
    pickable: true,
  });
}
