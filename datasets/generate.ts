import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { CellpulseError } from '../domain/errors.js';
import { DEFAULT_DATASET_OPTIONS, generateDataset, type DatasetOptions } from './generator/generate-dataset.js';

interface CliOptions {
  out: string;
  seed: number;
  complaints?: number;
  from: string;
  months: number;
  format: 'csv' | 'parquet';
  res: number;
}

const integer = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number');
  return Number(value);
};

const program = new Command('generate')
  .description(
    'write the deterministic synthetic Heilongjiang data set (sites, subscribers, events, complaints, ground_truth)',
  )
  .requiredOption('--out <dir>', 'directory to write into')
  .option('--seed <n>', 'seed of the generator', integer, DEFAULT_DATASET_OPTIONS.seed)
  .option('--complaints <n>', 'complaint rows (default: the period at realistic rates)', integer)
  .option('--from <date>', 'first local day, YYYY-MM-DD', DEFAULT_DATASET_OPTIONS.from)
  .option('--months <n>', 'calendar months to cover', integer, DEFAULT_DATASET_OPTIONS.months)
  .option('--format <format>', 'csv or parquet', DEFAULT_DATASET_OPTIONS.format)
  .option('--res <n>', 'H3 resolution of the database it is meant for', integer, DEFAULT_DATASET_OPTIONS.h3Resolution)
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

try {
  const options = program.parse(process.argv).opts<CliOptions>();
  const bar = progressBar();
  const summary = await generateDataset({
    out: options.out,
    seed: options.seed,
    from: options.from,
    months: options.months,
    format: options.format,
    h3Resolution: options.res,
    ...(options.complaints === undefined ? {} : { complaints: options.complaints }),
    ...(bar ? { onProgress: bar.update } : {}),
  });
  bar?.stop();
  console.log(JSON.stringify(summary));
} catch (error) {
  if (!(error instanceof CellpulseError)) throw error;
  console.error(`generate: ${error.message}`);
  process.exitCode = 2;
}

/**
 * A complaint-count bar on a terminal; nothing when piped or under CI, so the JSON summary stays the last stdout line.
 */
function progressBar(): { update: NonNullable<DatasetOptions['onProgress']>; stop: () => void } | undefined {
  // The same policy as api/cli/progress-bar.ts (datasets/ does not import from api/).
  if (!process.stderr.isTTY || process.env.CI) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      format: 'complaints [{bar}] {percentage}% {value}/{total} | {eta_formatted} left',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}
