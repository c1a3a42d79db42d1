import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { ingestFile } from '../../api/services/ingest-service.js';
import { startApiFixture, type ApiFixture } from '../integration/api/api-fixture.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const pad2 = (n: number): string => String(n).padStart(2, '0');
const VITE_CONFIG = fileURLToPath(new URL('../../api/dashboard/vite.config.ts', import.meta.url));

/** Complaints per month that the map data adds to the API fixture's seed (all located, Hangzhou). */
export const MONTHLY_COMPLAINTS = { '2024-04': 40, '2024-05': 120, '2024-06': 60 } as const;
const CATEGORIES = ['weak_coverage', 'no_signal', 'call_drop', 'slow_data', 'voice_quality', 'no_service', 'other'];
const TECHNOLOGIES = ['LTE', 'NR', 'LTE', 'GSM'];

/** Two fixed spots that get a coverage complaint every week, so the weak-coverage list has entries every month. */
const WEAK_SPOTS = [
  { lat: 30.251, lon: 120.121, category: 'weak_coverage' },
  { lat: 30.301, lon: 120.231, category: 'no_signal' },
];

/**
 * Spread-out complaints around Hangzhou from a fixed linear-congruential sequence (no wall clock,
 * no Math.random), hours apart, so no six of one category share an hour and a hexagon; every
 * fifth one goes to a weak spot instead.
 */
export function mapComplaints(): Record<string, unknown>[] {
  let seed = 20240401;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Object.entries(MONTHLY_COMPLAINTS).flatMap(([month, count]) =>
    Array.from({ length: count }, (_, i) => {
      const day = 1 + Math.floor((i * 28) / count);
      const hour = (i * 7) % 24;
      const [lat, lon] = [30.2 + next() * 0.16, 120.08 + next() * 0.2];
      const spot = i % 5 === 0 ? WEAK_SPOTS[(i / 5) % 2]! : { lat, lon, category: CATEGORIES[i % CATEGORIES.length] };
      return {
        complaint_id: `MAP-${month}-${i}`,
        received_at: `${month}-${pad2(day)}T${pad2(hour)}:${pad2(i % 60)}:00+08:00`,
        city: 'Hangzhou',
        technology: TECHNOLOGIES[i % TECHNOLOGIES.length],
        ...spot,
      };
    }),
  );
}

/** Builds the dashboard from source into a temp directory, so the test checks this tree's code, not a stale `dist`. */
export async function buildDashboard(outDir: string): Promise<void> {
  await build({ configFile: VITE_CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}

declare global {
  interface Window {
    /** The dashboard's test hooks (api/dashboard/src/main.ts). */
    __cellpulse?: Record<string, unknown>;
  }
}

export interface DashboardFixture {
  api: ApiFixture;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** GETs a path of this server; expects 200 and answers the parsed JSON. */
  apiJson: <T>(path: string) => Promise<T>;
  stop: () => Promise<void>;
}

/** Calls one of the test hooks the page exposes on `window.__cellpulse`. */
export function hook<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([n, a]) => (window.__cellpulse as Record<string, (...x: unknown[]) => unknown>)[n as string]!(...(a as unknown[])),
    [name, args] as const,
  ) as Promise<T>;
}

/** Opens the dashboard and waits until it is ready and the map has loaded its first hexagons. */
export async function openDashboard(f: DashboardFixture): Promise<void> {
  await f.page.goto(`${f.api.url}/`);
  await f.page.waitForFunction(() => {
    const hooks = window.__cellpulse as { ready?: boolean; hexagons: () => { loads: number } } | undefined;
    return hooks?.ready === true && hooks.hexagons().loads > 0;
  });
}

/**
 * A real server (the API fixture plus the map data) serving a freshly built dashboard, and
 * Debian's Chromium on SwiftShader (software WebGL) looking at it in Chinese, Shanghai time.
 */
export async function startDashboard(): Promise<DashboardFixture> {
  const outDir = mkdtempSync(join(tmpdir(), 'cellpulse-dashboard-'));
  await buildDashboard(outDir);
  const api = await startApiFixture({ dashboardDir: outDir });
  await ingestFile(api.db, { kind: 'complaints', source: { records: mapComplaints(), name: 'e2e-map' } });
  return openBrowser(api, outDir);
}

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/**
 * One fixture for the whole suite: `start` it before the tests, hand it to `started` (to keep it, seed data or listen
 * to the page before it loads), open the dashboard; stop it after the tests.
 */
export function dashboardPerSuite<F extends DashboardFixture>(
  start: () => Promise<F>,
  timeout: number,
  started: (f: F) => void | Promise<void>,
): void {
  let fixture: F | undefined;
  beforeAll(async () => {
    fixture = await start();
    await started(fixture);
    await openDashboard(fixture);
  }, timeout);
  afterAll(async () => {
    await fixture?.stop();
  });
}

/**
 * Debian's Chromium on SwiftShader (software WebGL) in Chinese, Shanghai time, beside `api`; `stop`
 * closes the browser and the server, runs `cleanUp` and removes the built dashboard in `outDir`.
 */
export async function openBrowser(
  api: ApiFixture,
  outDir: string,
  cleanUp: () => Promise<void> = async () => {},
): Promise<DashboardFixture> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 1000 },
  });
  const page = await context.newPage();
  mkdirSync(ARTIFACTS, { recursive: true });
  const stop = async (): Promise<void> => {
    await browser.close();
    await api.stop();
    await cleanUp();
    rmSync(outDir, { recursive: true, force: true });
  };
  const apiJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api.url}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  return { api, browser, context, page, apiJson, stop };
}
