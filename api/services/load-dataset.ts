import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InputKind } from '../../domain/enums.js';
import { detectFormat } from '../../ingest/formats.js';
import type { OnProgress } from '../../ingest/ingest.js';
import type { Database } from '../../store/database.js';
import { ingestFile, type IngestOutcome } from './ingest-service.js';

/** Sites first, so complaints that name only a cell are located; complaints last, so incidents see every site. */
const LOAD_ORDER: [InputKind, string][] = [
  ['sites', 'sites'],
  ['subscribers', 'subscribers'],
  ['events', 'events'],
  ['complaints', 'complaints'],
];

/**
 * Ingests a data set directory as the generator writes it (`sites.csv`, `subscribers.csv`,
 * `events.csv`, `complaints.csv`, or the `.parquet` twins), one transaction per file.
 * @returns the summary of each file loaded, by kind.
 */
export async function loadDataset(
  db: Database,
  dir: string,
  onProgress?: (kind: InputKind) => OnProgress,
): Promise<Partial<Record<InputKind, IngestOutcome>>> {
  const loaded: Partial<Record<InputKind, IngestOutcome>> = {};
  for (const [kind, base] of LOAD_ORDER) {
    const path = ['csv', 'parquet'].map((ext) => join(dir, `${base}.${ext}`)).find((p) => existsSync(p));
    if (path === undefined) continue;
    loaded[kind] = await ingestFile(db, {
      kind,
      source: { path, format: detectFormat(path) },
      ...(onProgress ? { onProgress: onProgress(kind) } : {}),
    });
  }
  return loaded;
}
