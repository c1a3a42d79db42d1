import type { Color, Layer } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import type { HexagonRow, Incident, SiteCandidate, SiteRow } from './api-types';
import type { CityLabel } from './city-labels';

/** Everything the map draws, as plain data; `buildLayers` turns it into deck.gl layers. */
export interface MapData {
  outline: FeatureCollection | null;
  /** Country borders near the data, as lines. */
  borders: FeatureCollection | null;
  labels: CityLabel[];
  hexagons: HexagonRow[];
  sites: SiteRow[];
  incidents: Incident[];
  candidates: SiteCandidate[];
  /** Layers of optional views (scan signals, trend colouring), drawn over the rest. */
  overlays: Layer[];
}

/** Stable layer ids: the e2e tests read the data of each through `window.__cellpulse`. */
export const LAYER_IDS = {
  outline: 'outline',
  borders: 'borders',
  labels: 'city-labels',
  hexagons: 'hexagons',
  sites: 'sites',
  incidentHexes: 'incident-hexes',
  incidentPoints: 'incident-points',
  candidates: 'candidates',
} as const;

// ColorBrewer YlOrRd, light to dark: more complaints read darker at any zoom.
export const HEX_COLORS: Color[] = [
  [255, 237, 160],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [252, 78, 42],
  [227, 26, 28],
  [177, 0, 38],
];

const SITE_COLORS: Record<SiteRow['status'], Color> = {
  active: [37, 99, 235, 200],
  fault: [220, 38, 127, 230],
  planned: [22, 163, 74, 220],
  no_investment: [120, 120, 120, 200],
};

const CANDIDATE_COLORS: Record<SiteCandidate['status'], Color> = {
  proposed: [124, 58, 237, 230],
  no_investment: [120, 120, 120, 200],
  planned_site: [22, 163, 74, 230],
};

/** A colour for `count` on a log scale up to `max`, so a few hot spots do not wash out the rest. */
export function hexColor(count: number, max: number): Color {
  const [r, g, b] = HEX_COLORS[hexColorIndex(count, max)] as [number, number, number];
  return [r, g, b, 190];
}

/** Which of HEX_COLORS a count gets (the legend shows the same bins). */
export function hexColorIndex(count: number, max: number): number {
  const ratio = max <= 1 ? 1 : Math.log1p(count) / Math.log1p(max);
  return Math.min(HEX_COLORS.length - 1, Math.max(0, Math.round(ratio * (HEX_COLORS.length - 1))));
}

export function buildLayers(data: MapData): Layer[] {
  const max = data.hexagons.reduce((m, h) => Math.max(m, h.complaints), 0);
  return [
    new GeoJsonLayer({
      id: LAYER_IDS.outline,
      data: data.outline ?? { type: 'FeatureCollection', features: [] },
      // land against the sea colour of the map's background; no border lines, which cost
      // software WebGL (SwiftShader) six times the fill
      stroked: false,
      filled: true,
      getFillColor: [241, 245, 249, 255],
    }),
    new H3HexagonLayer<HexagonRow>({
      id: LAYER_IDS.hexagons,
      data: data.hexagons,
      getHexagon: (h) => h.h3,
      getFillColor: (h) => hexColor(h.complaints, max),
      extruded: false,
      stroked: false,
      pickable: true,
      updateTriggers: { getFillColor: max },
    }),
    new GeoJsonLayer({
      id: LAYER_IDS.borders,
      data: data.borders ?? { type: 'FeatureCollection', features: [] },
      stroked: true,
      filled: false,
      getLineColor: [100, 116, 139, 200],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.2,
    }),
    ...incidentLayers(data.incidents),
    new ScatterplotLayer<SiteRow>({
      id: LAYER_IDS.sites,
      data: data.sites,
      getPosition: (s) => [s.lon, s.lat],
      getFillColor: (s) => SITE_COLORS[s.status] ?? SITE_COLORS.active,
      getRadius: 40,
      radiusMinPixels: 2,
      radiusMaxPixels: 6,
      pickable: true,
    }),
    new ScatterplotLayer<SiteCandidate>({
      id: LAYER_IDS.candidates,
      data: data.candidates,
      getPosition: (c) => [c.proposed_point.lon, c.proposed_point.lat],
      getLineColor: (c) => CANDIDATE_COLORS[c.status] ?? CANDIDATE_COLORS.proposed,
      getFillColor: [255, 255, 255, 120],
      stroked: true,
      getRadius: 150,
      radiusMinPixels: 5,
      lineWidthMinPixels: 2,
      pickable: true,
    }),
    new TextLayer<CityLabel>({
      id: LAYER_IDS.labels,
      data: data.labels,
      getPosition: (c) => [c.lon, c.lat],
      getText: (c) => c.city,
      // Chinese city names need their glyphs in the atlas; drawn from the system font, nothing fetched.
      characterSet: 'auto',
      fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif',
      fontWeight: 600,
      getSize: 13,
      getColor: [30, 41, 59, 255],
      outlineWidth: 3,
      outlineColor: [255, 255, 255, 230],
      fontSettings: { sdf: true },
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
    ...data.overlays,
  ];
}

interface IncidentHex {
  h3: string;
  incident: Incident;
}

/** Open incidents in red, closed ones in a quieter orange; a dot at the centroid keeps them visible when zoomed out. */
function incidentLayers(incidents: Incident[]): Layer[] {
  const hexes: IncidentHex[] = incidents.flatMap((incident) => incident.hexes.map((h3) => ({ h3, incident })));
  const isOpen = (incident: Incident): boolean => incident.status === 'open';
  return [
    new H3HexagonLayer<IncidentHex>({
      id: LAYER_IDS.incidentHexes,
      data: hexes,
      getHexagon: (d) => d.h3,
      getFillColor: (d) => (isOpen(d.incident) ? [220, 38, 38, 110] : [249, 115, 22, 50]),
      getLineColor: (d) => (isOpen(d.incident) ? [185, 28, 28, 255] : [234, 88, 12, 200]),
      getLineWidth: (d) => (isOpen(d.incident) ? 3 : 1),
      lineWidthUnits: 'pixels',
      stroked: true,
      extruded: false,
      highPrecision: true,
      pickable: true,
    }),
    new ScatterplotLayer<Incident>({
      id: LAYER_IDS.incidentPoints,
      data: incidents,
      getPosition: (i) => [i.centroid.lon, i.centroid.lat],
      getFillColor: (i) => (isOpen(i) ? [220, 38, 38, 230] : [249, 115, 22, 160]),
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthMinPixels: 1.5,
      getRadius: (i) => (isOpen(i) ? 9 : 6),
      radiusUnits: 'pixels',
      pickable: true,
    }),
  ];
}
