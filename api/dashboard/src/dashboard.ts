import { AlertStream, type AlertKind } from './alert-stream';
import { getJson, NotAvailable } from './api-client';
import type {
  CoverageRow,
  HexagonRow,
  Incident,
  KpiRow,
  Meta,
  RateRow,
  Signal,
  SiteCandidate,
  SiteRow,
} from './api-types';
import { bordersNear, loadCountryOutlines, outlinesNear } from './base-map';
import { cityLabels, nearestCity, type CityLabel } from './city-labels';
import { type CityOf, renderCandidateList, renderCoverageList, type ZoomTo } from './coverage-list';
import { byId } from './dom';
import { FilterBar, nextMonth, periodParams } from './filters';
import { HexagonSource, type HexagonLoad } from './hexagon-source';
import { formatNumber, onLanguageChange, t } from './i18n';
import { renderIncidentList, sortIncidents } from './incident-list';
import { renderKpiTiles } from './kpi-tiles';
import { LookupBox } from './lookup-box';
import { renderHexLegend } from './map-legend';
import { extentOf, MapPanel, type Extent } from './map-panel';
import { Panel } from './panel';
import { showStatus } from './panel-status';
import { drawRateTabs, renderRatesChart } from './rates-chart';
import { TimeControl, type TimeWindow } from './time-control';
import { loadSignals, signalLayer } from './signal-layer';
import { TrendColouring } from './trend-colouring';

const META_POLL_MS = 20_000;
/** Countries drawn around the data: enough for a province and its neighbours. */
const OUTLINE_MARGIN_DEG = 8;
const CHINA: Extent = [73, 18, 135, 54];
const REFRESH_AFTER_ALERT_MS = 800;

interface Rates {
  totals: RateRow[];
  monthly: RateRow[];
}

/** The whole page: filters drive every panel; alerts and new data versions refresh them. */
export class Dashboard {
  private meta: Meta = { h3_resolution: 8, time_zone: 'Asia/Shanghai', data_version: 0 };
  private months: string[] = [];
  /** Targets are per technology, so the rate chart shows one technology at a time (the filter's, else this). */
  private ratesTechnology = 'LTE';
  private periodIncidents: Incident[] = [];
  private readonly liveIncidents = new Map<string, Incident>();
  private lastHexagons: HexagonLoad | null = null;
  private hexagonLoads = 0;
  private alertsConnected = false;
  private alertCount = 0;
  private started = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private viewTimer: ReturnType<typeof setTimeout> | undefined;
  /** The replay step the map shows (null: the whole period) and the incidents that met it. */
  private timeWindow: TimeWindow | null = null;
  private windowIncidents: Incident[] | null = null;
  private readonly cityOfCell = new Map<string, string>();
  private labels: CityLabel[] = [];

  readonly filters = new FilterBar(() => {
    this.resetTime();
    void this.refreshAll();
  });
  readonly time = new TimeControl((window) => void this.showTimeWindow(window));
  readonly map = new MapPanel(byId<HTMLDivElement>('map'), {
    onViewChange: () => this.scheduleHexagons(),
    onPick: (lat, lon) => this.lookup.setPoint(lat, lon),
  });
  readonly lookup = new LookupBox(() => this.meta.time_zone);
  private readonly hexagons = new HexagonSource(
    (load) => this.showHexagons(load),
    (error) => showStatus(byId('map-status'), error),
  );
  private readonly incidents = new Panel(
    byId('incident-list'),
    () => this.loadIncidents(),
    () => this.drawIncidents(),
  );
  private readonly rates = new Panel<Rates>(
    byId('rates-body'),
    () => this.loadRates(),
    (body, r) => renderRatesChart(body, r.totals, r.monthly),
  );
  private readonly kpis = new Panel<{ rows: KpiRow[]; months: string }>(
    byId('kpi-body'),
    () => this.loadKpis(),
    (body, k) => renderKpiTiles(body, k.rows, k.months),
  );
  /** What a click on a coverage or candidate list item does: zoom the map there; and how the lists name its city. */
  private readonly zoomTo: ZoomTo = (lat, lon) => this.map.flyTo(lat, lon, 13);
  private readonly cityOf: CityOf = (id, lat, lon) => this.cityAt(id, lat, lon);
  private readonly coverage = new Panel<CoverageRow[]>(
    byId('coverage-body'),
    () => this.loadCoverage(),
    (body, rows) => renderCoverageList(body, rows, this.zoomTo, this.cityOf),
  );
  private readonly candidates = new Panel<SiteCandidate[]>(
    byId('candidates-body'),
    () => this.loadCandidates(),
    (body, rows) => renderCandidateList(body, rows, this.zoomTo, this.cityOf),
  );
  private signals: Signal[] = [];
  private readonly trendColouring = new TrendColouring(byId('map-status').parentElement ?? document.body, () =>
    this.drawOverlays(),
  );
  private readonly alerts = new AlertStream({
    onAlert: (kind, incident) => this.onAlert(kind, incident),
    onStatus: (up) => this.setLive(up),
  });

  async start(): Promise<void> {
    onLanguageChange(() => {
      this.drawMapStatus();
      this.drawLive();
      this.time.drawTexts();
    });
    const outlines = loadCountryOutlines().catch(() => null);
    this.meta = await getJson<Meta>('v1/meta');
    this.hexagons.setFinestResolution(this.meta.h3_resolution);
    const [sites, months] = await Promise.all([this.loadSites(), this.loadMonths()]);
    this.months = months;
    this.filters.setMonths(months);
    const extent = await this.frameData(sites);
    void outlines.then((base) => {
      if (base === null) return;
      const outline = outlinesNear(base.countries, extent, OUTLINE_MARGIN_DEG);
      this.map.update({ outline, borders: bordersNear(base.borders, extent, OUTLINE_MARGIN_DEG) });
    });
    this.resetTime();
    this.started = true;
    await this.refreshAll();
    this.alerts.start();
    setInterval(() => void this.pollDataVersion(), META_POLL_MS);
  }

  private async loadSites(): Promise<SiteRow[]> {
    const sites = await getJson<SiteRow[]>('v1/sites', { limit: 100_000 }).catch(() => [] as SiteRow[]);
    this.labels = cityLabels(sites);
    this.map.update({ sites, labels: this.labels });
    for (const site of sites) this.cityOfCell.set(site.cell_id, site.city);
    this.filters.setCities(sites.map((s) => s.city));
    return sites;
  }

  /**
   * The months that have complaints, from the rates by technology and month, and the technology
   * with most complaints for the rate chart; no months when the route is missing.
   * @throws ApiError when the rates route answers an error (shown by the caller).
   */
  private async loadMonths(): Promise<string[]> {
    try {
      const rows = await getJson<RateRow[]>('v1/rates', { by: 'technology,month' });
      const perTechnology = new Map<string, number>();
      for (const r of rows)
        if (r.technology) perTechnology.set(r.technology, (perTechnology.get(r.technology) ?? 0) + r.complaints);
      const top = [...perTechnology].sort((a, b) => b[1] - a[1])[0];
      if (top) this.ratesTechnology = top[0];
      return [...new Set(rows.flatMap((r) => (r.month ? [r.month] : [])))].sort();
    } catch (error) {
      // Only a missing route means "no months"; any other failure is shown, not hidden.
      if (error instanceof NotAvailable) return [];
      throw error;
    }
  }

  /**
   * Frames the map around the sites and a coarse view of the complaints, before the zoom takes
   * over; returns that extent (mainland China when there is no data yet).
   */
  private async frameData(sites: SiteRow[]): Promise<Extent> {
    const coarse = await getJson<HexagonRow[]>('v1/hexagons', {
      ...periodParams(this.filters.value()),
      res: Math.max(0, this.meta.h3_resolution - 4),
    }).catch(() => []);
    const points = [...sites, ...coarse];
    await this.map.fitTo(points);
    return points.length === 0 ? CHINA : extentOf(points);
  }

  /** Reloads the map's hexagons and every panel; resolves once the hexagons are shown. */
  private async refreshAll(): Promise<void> {
    if (!this.started) return;
    for (const panel of [this.incidents, this.rates, this.kpis, this.coverage, this.candidates]) void panel.refresh();
    void this.refreshOverlays();
    this.hexagons.invalidate();
    await this.hexagons.update(this.filters.value(), this.map.view(), this.timeWindow);
  }

  private cityAt(cellId: string | undefined, lat: number, lon: number): string | undefined {
    return (cellId === undefined ? undefined : this.cityOfCell.get(cellId)) ?? nearestCity(this.labels, lat, lon);
  }

  /** The slider spans the chosen months (else all months with data); back to the whole period. */
  private resetTime(): void {
    const f = this.filters.value();
    const first = f.fromMonth || this.months[0];
    const last = f.toMonth || this.months[this.months.length - 1];
    this.time.setPeriod(first && last ? { from: `${first}-01`, to: `${nextMonth(last)}-01` } : null);
    this.timeWindow = null;
    this.windowIncidents = null;
  }

  /** Replays one hour or day: the map's hexagons and incidents of that window only. */
  private async showTimeWindow(window: TimeWindow | null): Promise<void> {
    this.timeWindow = window;
    const f = this.filters.value();
    const query = { ...window, category: f.category, city: f.city };
    const incidents = window === null ? null : await getJson<Incident[]>('v1/incidents', query).catch(() => []);
    if (this.timeWindow !== window) return;
    this.windowIncidents = incidents;
    this.drawIncidents();
    await this.hexagons.update(f, this.map.view(), window);
  }

  /** The scan's signals and, when chosen, the trend classes, over the map. */
  private async refreshOverlays(): Promise<void> {
    this.signals = await loadSignals(this.filters.value().category);
    await this.trendColouring.refresh();
    this.drawOverlays();
  }

  private drawOverlays(): void {
    this.map.update({ overlays: [...this.trendColouring.layers(), signalLayer(this.signals)] });
  }

  private scheduleHexagons(): void {
    if (!this.started) return;
    clearTimeout(this.viewTimer);
    const update = (): Promise<void> => this.hexagons.update(this.filters.value(), this.map.view(), this.timeWindow);
    this.viewTimer = setTimeout(() => void update(), 150);
  }

  private showHexagons(load: HexagonLoad): void {
    this.lastHexagons = load;
    this.hexagonLoads += 1;
    this.map.update({ hexagons: load.rows });
    renderHexLegend(byId('map-legend'), load.rows);
    this.drawMapStatus();
  }

  private drawMapStatus(): void {
    const load = this.lastHexagons;
    if (load === null) return;
    const total = load.rows.reduce((s, h) => s + h.complaints, 0);
    byId('map-status').textContent =
      `${t('map_resolution')} ${load.resolution} · ${formatNumber(load.rows.length)} ` +
      `${t('map_hexagons')} · ${formatNumber(total)} ${t('complaints')} · ${t('map_hint')}`;
  }

  private async loadIncidents(): Promise<Incident[]> {
    const f = this.filters.value();
    this.periodIncidents = await getJson<Incident[]>('v1/incidents', {
      ...periodParams(f),
      category: f.category,
      city: f.city,
    });
    // the list just read is as fresh as any alert already received for the same incidents
    for (const incident of this.periodIncidents) this.liveIncidents.delete(incident.incident_id);
    return this.periodIncidents;
  }

  /** Incidents of the period, with those announced live since (whatever their period) on top of them. */
  private shownIncidents(): Incident[] {
    const f = this.filters.value();
    const byId = new Map(this.periodIncidents.map((i) => [i.incident_id, i]));
    for (const incident of this.liveIncidents.values()) {
      if ((f.category === '' || incident.category === f.category) && (f.city === '' || incident.city === f.city))
        byId.set(incident.incident_id, incident);
    }
    return sortIncidents(byId.values());
  }

  private drawIncidents(): void {
    const shown = this.shownIncidents();
    this.map.update({ incidents: this.windowIncidents ?? shown });
    const zoomTo = (lat: number, lon: number): void => this.map.flyTo(lat, lon, 13);
    renderIncidentList(byId('incident-list'), shown, this.meta.time_zone, zoomTo, (incident) =>
      this.onHandled(incident),
    );
  }

  /** An acknowledgement or resolution made here: shown at once (its event arrives on the stream too). */
  private onHandled(incident: Incident): void {
    this.liveIncidents.set(incident.incident_id, incident);
    this.drawIncidents();
  }

  private onAlert(_kind: AlertKind, incident: Incident): void {
    this.alertCount += 1;
    this.liveIncidents.set(incident.incident_id, incident);
    this.drawIncidents();
    // the complaints behind the alert changed the counts too
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshAll(), REFRESH_AFTER_ALERT_MS);
  }

  private setLive(connected: boolean): void {
    this.alertsConnected = connected;
    this.drawLive();
  }

  private drawLive(): void {
    const connected = this.alertsConnected;
    const node = byId('live-status');
    node.dataset.connected = String(connected);
    node.textContent = connected ? t('live') : t('offline');
  }

  private async pollDataVersion(): Promise<void> {
    const meta = await getJson<Meta>('v1/meta').catch(() => null);
    if (meta === null || meta.data_version === this.meta.data_version) return;
    this.meta = meta;
    await this.refreshAll();
  }

  private loadRates(): Promise<Rates> {
    const f = this.filters.value();
    const technology = f.technology || this.ratesTechnology;
    drawRateTabs(byId('rates-tabs'), technology, f.technology !== '', (chosen) => {
      this.ratesTechnology = chosen;
      void this.rates.refresh();
    });
    const common = { technology, city: f.city, category: f.category };
    return Promise.all([
      getJson<RateRow[]>('v1/rates', { by: 'city', from: f.fromMonth, to: f.toMonth, ...common }),
      getJson<RateRow[]>('v1/rates', {
        by: 'city,month',
        from: this.months[0] ?? f.fromMonth,
        to: f.toMonth,
        ...common,
      }),
    ]).then(([totals, monthly]) => ({ totals, monthly }));
  }

  /** Every city's KPIs over the period's months (the tiles add them up); without a period, all months. */
  private async loadKpis(): Promise<{ rows: KpiRow[]; months: string }> {
    const f = this.filters.value();
    const rows = await getJson<KpiRow[]>('v1/kpis', { from_month: f.fromMonth, to_month: f.toMonth, city: f.city });
    const months = [...new Set(rows.map((r) => r.month))].sort();
    return { rows, months: months.length <= 1 ? (months[0] ?? '—') : `${months[0]} – ${months[months.length - 1]}` };
  }

  private loadCoverage(): Promise<CoverageRow[]> {
    const f = this.filters.value();
    return getJson<CoverageRow[]>('v1/coverage', {
      ...periodParams(f),
      technology: f.technology,
      city: f.city,
      limit: 15,
      min_complaints: 2,
    });
  }

  private async loadCandidates(): Promise<SiteCandidate[]> {
    const f = this.filters.value();
    const rows = await getJson<SiteCandidate[]>('v1/site-candidates', {
      ...periodParams(f),
      technology: f.technology,
      city: f.city,
    });
    this.map.update({ candidates: rows });
    return rows.slice(0, 15);
  }

  /** What the e2e tests read (`window.__cellpulse`): data behind the map and the panels' states. */
  testHooks(): Record<string, unknown> {
    return {
      ...this.map.testHooks(),
      filters: () => this.filters.value(),
      time: () => ({
        window: this.timeWindow,
        mapIncidents: (this.windowIncidents ?? this.shownIncidents()).map((i) => i.incident_id),
      }),
      hexagons: () => ({
        loads: this.hexagonLoads,
        count: this.lastHexagons?.rows.length ?? 0,
        complaints: this.lastHexagons?.rows.reduce((s, h) => s + h.complaints, 0) ?? 0,
        resolution: this.lastHexagons?.resolution ?? null,
        url: this.lastHexagons?.url ?? null,
      }),
      incidents: () =>
        this.shownIncidents().map((i) => ({
          incident_id: i.incident_id,
          status: i.status,
          complaint_count: i.complaint_count,
          hexes: i.hexes,
        })),
      alerts: () => ({ connected: this.alertsConnected, received: this.alertCount }),
      signals: () =>
        this.signals.map((s) => ({
          signal_id: s.signal_id,
          hexes: s.hexes,
          p_value: s.p_value,
          incident_ids: s.incident_ids,
        })),
      panels: () => ({
        incidents: this.incidents.state,
        rates: this.rates.state,
        kpis: this.kpis.state,
        coverage: this.coverage.state,
        candidates: this.candidates.state,
      }),
    };
  }
}
