import { Deck, WebMercatorViewport, type MapViewState, type PickingInfo } from '@deck.gl/core';
import type { HexagonRow, Incident, SiteCandidate, SiteRow } from './api-types';
import { formatNumber, nameOf, t, type StringKey } from './i18n';
import { buildLayers, LAYER_IDS, type MapData } from './map-layers';

/** The visible area and zoom, as the hexagon source needs them. */
export interface MapView {
  zoom: number;
  /** minLon, minLat, maxLon, maxLat */
  bounds: [number, number, number, number];
}

export interface MapPanelOptions {
  onViewChange: (view: MapView) => void;
  onPick: (lat: number, lon: number) => void;
}

export type Extent = [number, number, number, number];

/** minLon, minLat, maxLon, maxLat of the points (a loop: spreading 100,000 sites into Math.min overflows the stack). */
export function extentOf(points: { lat: number; lon: number }[]): Extent {
  const box: Extent = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { lat, lon } of points) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

// Mainland China, the view before any data is known.
const INITIAL_VIEW: MapViewState = { longitude: 105, latitude: 35, zoom: 3.5, pitch: 0, bearing: 0 };

/** The deck.gl map: base outline, complaint hexagons, cell sites, incidents and site candidates. */
export class MapPanel {
  private readonly deck: Deck;
  private readonly data: MapData = {
    outline: null,
    borders: null,
    labels: [],
    hexagons: [],
    sites: [],
    incidents: [],
    candidates: [],
    overlays: [],
  };
  /** Where the view rests or is flying to: the hexagons are fetched for it, not for each frame of a flight. */
  private target: MapViewState = INITIAL_VIEW;
  private latest: MapViewState | null = null;
  private frames = 0;
  private markLoaded: () => void = () => undefined;
  /** Resolves once deck.gl has its WebGL device: a view set before that could be reset by its first report. */
  private readonly loaded = new Promise<void>((resolve) => {
    this.markLoaded = resolve;
  });

  constructor(
    private readonly container: HTMLDivElement,
    private readonly options: MapPanelOptions,
  ) {
    this.deck = new Deck({
      parent: container,
      initialViewState: INITIAL_VIEW,
      controller: true,
      layers: buildLayers(this.data),
      getTooltip: (info) => tooltip(info),
      onViewStateChange: ({ viewState, interactionState }) => {
        this.latest = viewState as MapViewState;
        if (!interactionState.inTransition) this.settleAt(this.latest);
      },
      // a transition (a fly-to, a double-click zoom) reports its end only here
      onInteractionStateChange: (state) => {
        if (state.inTransition === false && this.latest !== null) this.settleAt(this.latest);
      },
      onClick: (info) => {
        if (info.coordinate) this.options.onPick(info.coordinate[1] as number, info.coordinate[0] as number);
      },
      onLoad: () => this.markLoaded(),
      // without WebGL the map stays empty, but the panels must still load
      onError: () => this.markLoaded(),
      onAfterRender: () => {
        this.frames += 1;
      },
    });
  }

  private settleAt(view: MapViewState): void {
    this.target = view;
    this.latest = null;
    this.options.onViewChange(this.view());
  }

  /** Replaces some of the drawn data and redraws. */
  update(patch: Partial<MapData>): void {
    Object.assign(this.data, patch);
    this.deck.setProps({ layers: buildLayers(this.data) });
  }

  view(): MapView {
    const viewport = new WebMercatorViewport({
      ...this.target,
      width: this.container.clientWidth || 1,
      height: this.container.clientHeight || 1,
    });
    return { zoom: this.target.zoom, bounds: viewport.getBounds() };
  }

  /** Frames the given points (the data's extent) with some padding, once the map is ready. */
  async fitTo(points: { lat: number; lon: number }[]): Promise<void> {
    await this.loaded;
    if (points.length === 0) return;
    const [minLon, minLat, maxLon, maxLat] = extentOf(points);
    const width = this.container.clientWidth || 800;
    const height = this.container.clientHeight || 600;
    const bounds: [[number, number], [number, number]] = [
      [minLon, minLat],
      [maxLon, maxLat],
    ];
    const fitted = new WebMercatorViewport({ width, height }).fitBounds(bounds, {
      padding: Math.min(40, width / 8),
      minExtent: 0.02,
      maxZoom: 13,
    });
    this.jumpTo({ longitude: fitted.longitude, latitude: fitted.latitude, zoom: fitted.zoom });
  }

  /** Animates the view to a point (list click-to-zoom). */
  flyTo(lat: number, lon: number, zoom = 13): void {
    this.jumpTo({ longitude: lon, latitude: lat, zoom }, 800);
  }

  private jumpTo(target: Pick<MapViewState, 'longitude' | 'latitude' | 'zoom'>, transitionDuration = 0): void {
    this.target = { ...this.target, ...target };
    this.deck.setProps({ initialViewState: { ...this.target, transitionDuration } });
    this.options.onViewChange(this.view());
  }

  /** The view drawn now (mid-flight during a transition). */
  private rendered(): WebMercatorViewport | undefined {
    return this.deck.getViewports()[0] as WebMercatorViewport | undefined;
  }

  /** For the tests: the data length of every layer, frames drawn, and what is drawn at a point. */
  testHooks(): Record<string, unknown> {
    return {
      deck: this.deck,
      frames: () => this.frames,
      target: () => ({ latitude: this.target.latitude, longitude: this.target.longitude, zoom: this.target.zoom }),
      viewState: () => {
        const viewport = this.rendered();
        return viewport ? { latitude: viewport.latitude, longitude: viewport.longitude, zoom: viewport.zoom } : null;
      },
      settled: () => {
        const viewport = this.rendered();
        const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;
        return (
          viewport !== undefined &&
          close(viewport.zoom, this.target.zoom) &&
          close(viewport.latitude, this.target.latitude) &&
          close(viewport.longitude, this.target.longitude)
        );
      },
      layerDataCount: (id: string) => layerDataCount(this.deck, id),
      outlineNames: () => (this.data.outline?.features ?? []).map((f) => String(f.properties?.name ?? '')),
      cityLabels: () => this.data.labels.map((l) => l.city),
      hexagonData: () => this.data.hexagons.map((h) => ({ h3: h.h3, complaints: h.complaints })),
      pickAt: (lat: number, lon: number, layerId: string) => this.pickAt(lat, lon, layerId),
      layerIds: LAYER_IDS,
    };
  }

  /** The object the GPU drew at a map point in one layer (proves the layer rendered, not only that it has data). */
  private pickAt(lat: number, lon: number, layerId: string): unknown {
    const viewport = this.rendered();
    if (viewport === undefined) return null;
    const [x, y] = viewport.project([lon, lat]) as [number, number];
    return this.deck.pickObject({ x, y, radius: 2, layerIds: [layerId] })?.object ?? null;
  }
}

function layerDataCount(deck: Deck, id: string): number | null {
  const layers = (deck.props.layers ?? []) as { id: string; props: { data?: unknown } }[];
  const layer = layers.find((l) => l.id === id);
  const data = layer?.props.data;
  if (Array.isArray(data)) return data.length;
  if (data !== null && typeof data === 'object' && 'features' in data)
    return (data as { features: unknown[] }).features.length;
  return null;
}

function tooltip(info: PickingInfo): string | null {
  const object = info.object as Record<string, unknown> | undefined;
  if (!object) return null;
  switch (info.layer?.id) {
    case LAYER_IDS.hexagons: {
      const hex = object as unknown as HexagonRow;
      return `${formatNumber(hex.complaints)} ${t('complaints')}\nH3 ${hex.h3} (r${hex.resolution})`;
    }
    case LAYER_IDS.sites: {
      const site = object as unknown as SiteRow;
      return `${t('site')} ${site.cell_id} · ${site.technology} · ${site.city}\n${site.status}`;
    }
    case LAYER_IDS.incidentHexes:
    case LAYER_IDS.incidentPoints: {
      const incident = ((object as { incident?: Incident }).incident ?? object) as Incident;
      return (
        `${nameOf(incident.category)} · ${incident.city}\n${incident.complaint_count} ` +
        `${t('complaints')} · ${t(incident.status === 'open' ? 'status_open' : 'status_closed')}`
      );
    }
    case LAYER_IDS.candidates: {
      const candidate = object as unknown as SiteCandidate;
      return (
        `${candidate.candidate_id} · ` +
        `${t(`candidate_${candidate.status}` as StringKey)}\n${candidate.complaints} ${t('complaints')}`
      );
    }
    default:
      return null;
  }
}
