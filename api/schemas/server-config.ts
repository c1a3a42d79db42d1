import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The dashboard Vite builds at install, found from the package root so the compiled server (dist/) serves it too. */
function builtDashboardDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'api', 'dashboard', 'dist');
}

const DASHBOARD_DIR = builtDashboardDir();

const csvList = z
  .string()
  .optional()
  .transform((text) =>
    (text ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const flag = z
  .string()
  .optional()
  .transform((text) => ['1', 'true', 'yes', 'on'].includes((text ?? '').trim().toLowerCase()));

/** A duration such as `15m`, `1h`, `90s` or `0` (off), in milliseconds. */
export const Duration = z
  .string()
  .trim()
  .regex(/^(0|\d+(\.\d+)?\s*(ms|s|m|h|d))$/i, 'a duration such as 15m, 1h, 90s or 0 (off)')
  .transform((text) => {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text)!;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'ms').toLowerCase() as 'ms'];
    return Math.round(Number(match[1]) * unit);
  });

const positiveInt = z.number().int().positive();
const MIB = 1024 * 1024;

/** Settings of one API server; every field has a default so tests and `demo` can pass a part. */
export const ServerConfig = z.object({
  /** Plain API keys; the auth plugin keeps only their SHA-256 hashes. */
  apiKeys: z.array(z.string().min(1)).default([]),
  readKeysRequired: z.boolean().default(false),
  /** Requests per minute per client address; 0 turns the limit off (benchmarks). */
  rateLimitPerMinute: z.number().int().min(0).default(6000),
  /** Allowed CORS origins; empty means no CORS headers at all. */
  corsOrigins: z.array(z.string()).default([]),
  webhookUrls: z.array(z.url()).default([]),
  /** Standard Webhooks signing secret (`whsec_` + base64, or any text used as is). */
  webhookSecret: z.string().optional(),
  /** Longest wait for one webhook attempt. */
  webhookTimeoutMs: positiveInt.default(5000),
  /** First webhook retry delay; doubled per failure up to 5 minutes, with jitter. */
  webhookBaseDelayMs: positiveInt.default(1000),
  /** A webhook event failing this long after it was stored is dead-lettered (SPEC §10: 24 h). */
  webhookDeadAfterMs: positiveInt.default(86_400_000),
  /** Events held in memory per webhook endpoint (the rest wait in the durable log). */
  webhookQueueSize: positiveInt.default(100),
  /** Prometheus Alertmanager base URL; incidents are posted to its /api/v2/alerts. */
  alertmanagerUrl: z.url().optional(),
  /** How often firing incidents are re-sent to Alertmanager (below its resolve_timeout, default 5 min). */
  alertmanagerResendMs: positiveInt.default(60_000),
  /** This server's URL as others reach it (CloudEvents source, generatorURL); default: where it listens. */
  publicUrl: z.url().optional(),
  /** Days the alert log keeps events for replay (SPEC §10: at least 7). */
  eventRetentionDays: z.number().int().min(7).default(7),
  /** How often the alert log is read for events written outside this server's routes. */
  alertPollMs: positiveInt.default(1000),
  /** Largest JSON/NDJSON request body, bytes. */
  bodyLimitBytes: positiveInt.default(5 * MIB),
  /** Largest complaint batch in one `POST /v1/complaints`. */
  maxBatchRows: positiveInt.default(10_000),
  /** Largest file accepted by `POST /v1/ingest/{kind}`, bytes. */
  uploadLimitBytes: positiveInt.default(512 * MIB),
  /** Interval of SSE comment lines that keep proxies from closing an idle stream. */
  sseHeartbeatMs: positiveInt.default(15_000),
  /** Entries of the per-data-version cache of heavy aggregates. */
  resultCacheEntries: z.number().int().min(0).default(64),
  /**
   * A read arriving while a write is underway waits for it up to this long (ms): the write's steps
   * share the one event loop and the cores with a room of dashboards polling in a loop, which would
   * otherwise stretch every write (paired soaks: POST p99 lower with it in 10 of 11 pairs). 0: reads never wait.
   */
  readsYieldToWritesMs: z.number().int().min(0).default(100),
  /** A read waiting and running longer is stopped and answered 503 `query_timeout`; 0 turns it off. */
  queryTimeoutMs: z.number().int().min(0).default(30_000),
  /** Run the background space-time scan (on for `cellpulse serve`; off for embedded servers and tests). */
  scanSchedule: z.boolean().default(false),
  /** Interval of the scheduled space-time scan (SPEC §11), ms; 0: only after writes. */
  scanEveryMs: z.number().int().min(0).default(3_600_000),
  /** Quiet time after a write before the scan runs, ms (writes in a burst share one analysis). */
  scanDebounceMs: z.number().int().min(0).default(10_000),
  /** Monte Carlo replicates of the server's analyses: 9999 lets a recurrence interval reach 416 days when hourly. */
  scanReplicates: z.number().int().min(999).max(99_999).default(9999),
  /** A signal no incident covers goes out as `signal.detected` when its recurrence interval exceeds this (days). */
  signalThresholdDays: z.number().positive().default(100),
  /** Built dashboard served at `/` when the directory exists. */
  dashboardDir: z.string().default(DASHBOARD_DIR),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

/** Scheduled analyses a day, the recurrence interval's denominator (hourly when only writes trigger them). */
export function scanAnalysesPerDay(config: Pick<ServerConfig, 'scanEveryMs'>): number {
  return config.scanEveryMs > 0 ? 86_400_000 / config.scanEveryMs : 24;
}
export type ServerConfigInput = z.input<typeof ServerConfig>;

const EnvConfig = z.object({
  CELLPULSE_API_KEYS: csvList,
  CELLPULSE_READ_KEYS_REQUIRED: flag,
  CELLPULSE_RATE_LIMIT: z.coerce.number().int().min(0).optional(),
  CELLPULSE_CORS_ORIGINS: csvList,
  CELLPULSE_WEBHOOK_URLS: csvList,
  CELLPULSE_WEBHOOK_SECRET: z.string().optional(),
  CELLPULSE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  CELLPULSE_ALERTMANAGER_URL: z.url().optional(),
  CELLPULSE_ALERTMANAGER_RESEND_S: z.coerce.number().positive().optional(),
  CELLPULSE_PUBLIC_URL: z.url().optional(),
  CELLPULSE_EVENT_RETENTION_DAYS: z.coerce.number().int().min(7).optional(),
  CELLPULSE_BODY_LIMIT_MB: z.coerce.number().positive().optional(),
  CELLPULSE_UPLOAD_LIMIT_MB: z.coerce.number().positive().optional(),
  CELLPULSE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).optional(),
  CELLPULSE_READS_YIELD_MS: z.coerce.number().int().min(0).optional(),
  CELLPULSE_SCAN_EVERY: Duration.optional(),
  CELLPULSE_SCAN_REPLICATES: z.coerce.number().int().optional(),
  CELLPULSE_SIGNAL_THRESHOLD_DAYS: z.coerce.number().optional(),
});

/**
 * The server settings named by `CELLPULSE_*` environment variables, over `overrides`.
 * @throws ZodError when a variable holds a value of the wrong type (e.g. a webhook URL that is not a URL).
 */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv, overrides: ServerConfigInput = {}): ServerConfig {
  const e = EnvConfig.parse(env);
  const seconds = (value: number | undefined): number | undefined =>
    value === undefined ? undefined : Math.round(value * 1000);
  const mb = (value: number | undefined): number | undefined =>
    value === undefined ? undefined : Math.round(value * 1024 * 1024);
  return ServerConfig.parse({
    apiKeys: e.CELLPULSE_API_KEYS,
    readKeysRequired: e.CELLPULSE_READ_KEYS_REQUIRED,
    rateLimitPerMinute: e.CELLPULSE_RATE_LIMIT,
    corsOrigins: e.CELLPULSE_CORS_ORIGINS,
    webhookUrls: e.CELLPULSE_WEBHOOK_URLS,
    webhookSecret: e.CELLPULSE_WEBHOOK_SECRET,
    webhookTimeoutMs: e.CELLPULSE_WEBHOOK_TIMEOUT_MS,
    alertmanagerUrl: e.CELLPULSE_ALERTMANAGER_URL,
    alertmanagerResendMs: seconds(e.CELLPULSE_ALERTMANAGER_RESEND_S),
    publicUrl: e.CELLPULSE_PUBLIC_URL,
    eventRetentionDays: e.CELLPULSE_EVENT_RETENTION_DAYS,
    bodyLimitBytes: mb(e.CELLPULSE_BODY_LIMIT_MB),
    uploadLimitBytes: mb(e.CELLPULSE_UPLOAD_LIMIT_MB),
    queryTimeoutMs: e.CELLPULSE_QUERY_TIMEOUT_MS,
    readsYieldToWritesMs: e.CELLPULSE_READS_YIELD_MS,
    scanEveryMs: e.CELLPULSE_SCAN_EVERY,
    scanReplicates: e.CELLPULSE_SCAN_REPLICATES,
    signalThresholdDays: e.CELLPULSE_SIGNAL_THRESHOLD_DAYS,
    ...overrides,
  });
}
