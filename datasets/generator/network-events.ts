import type { EventKind } from '../../domain/enums.js';
import { HOUR_MS, type Period } from './period.js';
import { Prng } from './prng.js';
import type { GeneratedCell, SiteLayout } from './site-layout.js';

/** One row of events.csv: a known problem tied to a cell, or to an area (lat, lon, radius_m). */
export interface NetworkEventRow {
  event_id: string;
  cell_id?: string;
  lat?: number;
  lon?: number;
  radius_m?: number;
  kind: EventKind;
  startsAt: number;
  endsAt?: number;
  note: string;
}

const DAY_MS = 24 * HOUR_MS;
const OUTAGE_NOTES = [
  'power failure at the site',
  'transmission link down',
  'baseband board fault',
  'antenna feeder damaged',
];

/**
 * The known network problems the front desk looks up (SPEC §6): an outage on every faulty
 * cell, a weekly night maintenance window per city, a construction notice on every planned
 * site, and an area event over each coverage hole the construction department has ruled on.
 */
export function buildEvents(layout: SiteLayout, period: Period, seed: number): NetworkEventRow[] {
  const prng = Prng.stream(seed, 'events');
  const events: Omit<NetworkEventRow, 'event_id'>[] = [
    ...layout.cells.filter((c) => c.status === 'fault').map((c) => outage(c, period, prng)),
    ...maintenance(layout, period, prng),
    ...layout.cells
      .filter((c) => c.status === 'planned' && c.cell_id.endsWith('1'))
      .map((c) => construction(c, period)),
    ...holeAreas(layout, period),
  ];
  return events.map((e, i) => ({ event_id: `EV${String(i + 1).padStart(6, '0')}`, ...e }));
}

function outage(cell: GeneratedCell, period: Period, prng: Prng): Omit<NetworkEventRow, 'event_id'> {
  const startsAt = period.fromMs + Math.floor((prng.next() * (period.toMs - period.fromMs)) / 60_000) * 60_000;
  // An outage that began in the last days of the period may still be open.
  const open = startsAt > period.toMs - 3 * DAY_MS && prng.chance(0.5);
  const endsAt = open ? undefined : startsAt + Math.round(prng.uniform(2, 36) * 60) * 60_000;
  return {
    cell_id: cell.cell_id,
    kind: 'outage',
    startsAt,
    ...(endsAt === undefined ? {} : { endsAt }),
    note: prng.pick(OUTAGE_NOTES),
  };
}

/** One night window (01:00–05:00 local) per city per week, on one of its active cells. */
function maintenance(layout: SiteLayout, period: Period, prng: Prng): Omit<NetworkEventRow, 'event_id'>[] {
  const rows: Omit<NetworkEventRow, 'event_id'>[] = [];
  const active = layout.areas.map((a) => layout.cells.filter((c) => c.city === a.city.name && c.status === 'active'));
  for (let week = period.fromMs; week < period.toMs; week += 7 * DAY_MS) {
    for (const cells of active) {
      const night = week + prng.int(7) * DAY_MS + HOUR_MS;
      if (night + 4 * HOUR_MS > period.toMs || cells.length === 0) continue;
      rows.push({
        cell_id: prng.pick(cells).cell_id,
        kind: 'maintenance',
        startsAt: night,
        endsAt: night + 4 * HOUR_MS,
        note: 'scheduled software upgrade',
      });
    }
  }
  return rows;
}

function construction(cell: GeneratedCell, period: Period): Omit<NetworkEventRow, 'event_id'> {
  return {
    cell_id: cell.cell_id,
    kind: 'planned_construction',
    startsAt: period.fromMs,
    endsAt: period.fromMs + 180 * DAY_MS,
    note: `site ${cell.site_id} under construction`,
  };
}

function holeAreas(layout: SiteLayout, period: Period): Omit<NetworkEventRow, 'event_id'>[] {
  return layout.holes.flatMap((hole): Omit<NetworkEventRow, 'event_id'>[] => {
    const area = { lat: hole.lat, lon: hole.lon, radius_m: Math.round(hole.radiusKm * 1000 + 300) };
    switch (hole.event) {
      case 'planned_construction':
        return [
          {
            ...area,
            kind: 'planned_construction' as const,
            startsAt: period.fromMs,
            endsAt: period.fromMs + 180 * DAY_MS,
            note: `new LTE/NR site planned to cover a weak-coverage area of ${hole.city}`,
          },
        ];
      case 'no_investment':
        return [
          {
            ...area,
            kind: 'no_investment' as const,
            startsAt: period.fromMs,
            note: `sparsely populated area of ${hole.city}; no investment value, give the standard answer`,
          },
        ];
      case null:
        return [];
      default:
        return hole.event satisfies never;
    }
  });
}
