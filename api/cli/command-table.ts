import type { Command } from 'commander';

/** One CLI command: its name and one-line description (for `--help`) and the loader of its code. */
export interface CommandEntry {
  name: string;
  description: string;
  load: () => Promise<Command>;
}

/**
 * Every command, in `--help` order. A command's module (and DuckDB, fastify, h3 behind it) is
 * imported only when that command runs, so `cellpulse --help` starts in well under a second.
 * Adding a command is one line here.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'ingest',
    description: 'load complaints, sites, subscribers or events from CSV, NDJSON or Parquet',
    load: async () => (await import('./commands/ingest.js')).ingestCommand(),
  },
  {
    name: 'clusters',
    description: 'print major complaint incidents (SPEC §3)',
    load: async () => (await import('./commands/clusters.js')).clustersCommand(),
  },
  {
    name: 'kpis',
    description: 'print service-commitment KPIs per city and month',
    load: async () => (await import('./commands/kpis.js')).kpisCommand(),
  },
  {
    name: 'rates',
    description: 'print complaint rates per 10,000 subscribers',
    load: async () => (await import('./commands/rates.js')).ratesCommand(),
  },
  {
    name: 'targets',
    description: 'print (or --set) the monthly complaint-rate targets',
    load: async () => (await import('./commands/targets.js')).targetsCommand(),
  },
  {
    name: 'lookup',
    description: 'known problems near a point or cell, with a suggested answer',
    load: async () => (await import('./commands/lookup.js')).lookupCommand(),
  },
  {
    name: 'coverage',
    description: 'print weak-coverage hexagons ranked by coverage complaints',
    load: async () => (await import('./commands/coverage.js')).coverageCommand(),
  },
  {
    name: 'sites',
    description: 'print site candidates from connected weak-coverage regions',
    load: async () => (await import('./commands/sites.js')).sitesCommand(),
  },
  {
    name: 'scan',
    description: 'print space-time scan signals with p-values and recurrence intervals (SPEC §11)',
    load: async () => (await import('./commands/scan.js')).scanCommand(),
  },
  {
    name: 'serve',
    description: 'serve the HTTP API and the dashboard',
    load: async () => (await import('./commands/serve.js')).serveCommand(),
  },
  {
    name: 'demo',
    description: 'generate the sample data set, load it and serve it',
    load: async () => (await import('./commands/demo.js')).demoCommand(),
  },
  {
    name: 'triage',
    description: 'count complaints per city and triage route, or re-triage a period (--recompute)',
    load: async () => (await import('./commands/triage.js')).triageCommand(),
  },
  {
    name: 'appraisal',
    description: "print the cities' monthly appraisal: rate and compliance points, total and rank",
    load: async () => (await import('./commands/appraisal.js')).appraisalCommand(),
  },
];
