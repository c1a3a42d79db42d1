import { apiUrl, getJson } from './api-client';
import type { HexagonRow } from './api-types';
import { periodParams, type Filters } from './filters';
import type { MapView } from './map-panel';
import type { TimeWindow } from './time-control';

type Bounds = [number, number, number, number];

/**
 * The H3 resolution for a zoom level: each resolution is ~2.65 times finer (log2 2.65 ≈ 1.4 zoom
 * levels), so a hexagon stays roughly 15-30 pixels across: a province view asks for coarse
 * parents, a street view for the database's own cells.
 */
export function resolutionForZoom(zoom: number, finest: number): number {
  return Math.max(0, Math.min(finest, Math.round(zoom / 1.4)));
}

/** The bounds grown by half their size on every side (so small pans need no new request), kept on the globe. */
export function padBounds([minLon, minLat, maxLon, maxLat]: Bounds): Bounds {
  const dLon = (maxLon - minLon) / 2;
  const dLat = (maxLat - minLat) / 2;
  return [
    Math.max(-180, minLon - dLon),
    Math.max(-90, minLat - dLat),
    Math.min(180, maxLon + dLon),
    Math.min(90, maxLat + dLat),
  ];
}

function contains(outer: Bounds, inner: Bounds): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

export interface HexagonLoad {
  rows: HexagonRow[];
  resolution: number;
  /** The request, relative to the page (the tests ask the API the same). */
  url: string;
}

/**
 * Complaint hexagons for the filters and the visible area, from `/v1/hexagons` at the
 * resolution the zoom calls for; asks again only when the resolution changes or the view
 * leaves the area last fetched, and drops answers that a newer request overtook.
 */
export class HexagonSource {
  private fetched: { key: string; bounds: Bounds } | null = null;
  private controller: AbortController | null = null;
  private finest = 8;

  constructor(
    private readonly onLoad: (load: HexagonLoad) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  setFinestResolution(resolution: number): void {
    this.finest = resolution;
  }

  /** Forgets what was fetched (new data or new filters), so the next `update` asks again. */
  invalidate(): void {
    this.fetched = null;
  }

  /** Fetches what the view needs unless it has it already; resolves when that answer is shown (or dropped). */
  async update(filters: Filters, view: MapView, window: TimeWindow | null = null): Promise<void> {
    const resolution = resolutionForZoom(view.zoom, this.finest);
    const key = JSON.stringify([filters, resolution, window]);
    if (this.fetched && this.fetched.key === key && contains(this.fetched.bounds, view.bounds)) return;
    const bounds = padBounds(view.bounds);
    this.fetched = { key, bounds };
    await this.load(filters, resolution, bounds, window);
  }

  private async load(filters: Filters, resolution: number, bounds: Bounds, window: TimeWindow | null): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const query = {
      // a replay step narrows the period to its hour or day
      ...(window ?? periodParams(filters)),
      category: filters.category,
      technology: filters.technology,
      city: filters.city,
      res: resolution,
      bbox: bounds.map((v) => v.toFixed(5)).join(','),
    };
    try {
      const rows = await getJson<HexagonRow[]>('v1/hexagons', query, controller.signal);
      if (!controller.signal.aborted) this.onLoad({ rows, resolution, url: apiUrl('v1/hexagons', query) });
    } catch (error) {
      if (controller.signal.aborted) return;
      this.fetched = null;
      this.onError(error);
    }
  }
}
