import {
  listValue, type DuckDBConnection, type DuckDBDataChunk, type DuckDBDoubleVector,
  type DuckDBMaterializedResult, type DuckDBVarCharVector,
} from '@duckdb/node-api';
import { CATEGORIES, type Category } from '../../domain/enums.js';
import type { ClusterComplaint } from '../../domain/incident.js';
import { copyFromVector, type NumberVector } from '../../store/number-vectors.js';
import { loadSql } from '../../store/sql-files.js';
import type { ComplaintColumns } from './complaint-columns.js';

/** Result columns of complaint-columns.sql. */
const enum Col { Cat, Hex, T, H3, Id, City, Lat, Lon }

/**
 * Located complaints received in [lo, hi] (epoch ms) as typed columns. The numbers are copied
 * out of DuckDB's vectors whole; ids, cities and points stay in the result and are decoded only
 * for the rows `complaint(row)` is asked for — the complaints that end up in an incident.
 */
export async function loadComplaintColumns(conn: DuckDBConnection, lo: number, hi: number): Promise<ComplaintColumns> {
  const result = await conn.run(loadSql(import.meta.url, 'complaint-columns'), { lo: lo / 1000, hi: hi / 1000, categories: listValue([...CATEGORIES]) });
  const size = Number(result.rowCount);
  const category = new Uint8Array(size);
  const hex = new Int32Array(size);
  const t = new Float64Array(size);
  const hexes: string[] = [];
  const chunks: DuckDBDataChunk[] = [];
  const chunkStarts: number[] = [];
  for (let c = 0, offset = 0; c < result.chunkCount; c += 1) {
    const chunk = result.getChunk(c);
    chunks.push(chunk);
    chunkStarts.push(offset);
    copyFromVector(chunk.getColumnVector(Col.Cat) as NumberVector, category, offset);
    copyFromVector(chunk.getColumnVector(Col.Hex) as NumberVector, hex, offset);
    copyFromVector(chunk.getColumnVector(Col.T) as NumberVector, t, offset);
    nameNewHexagons(hex.subarray(offset, offset + chunk.rowCount), chunk, hexes);
    offset += chunk.rowCount;
  }
  const columns = { size, category, hex, t, hexes };
  const rows = new ResultRows(result, chunks, chunkStarts, columns);
  return { ...columns, complaint: (row) => rows.complaint(row) };
}

/** Decodes the H3 text of each hexagon id the first time it appears. */
function nameNewHexagons(ids: Int32Array, chunk: DuckDBDataChunk, hexes: string[]): void {
  let names: DuckDBVarCharVector | undefined;
  for (let i = 0; i < ids.length; i += 1) {
    if (hexes[ids[i]!] !== undefined) continue;
    names ??= chunk.getColumnVector(Col.H3) as DuckDBVarCharVector;
    hexes[ids[i]!] = names.getItem(i)!;
  }
}

/** The string and point columns of one result chunk, fetched when a row of it is first read. */
interface ChunkDetails {
  id: DuckDBVarCharVector;
  city: DuckDBVarCharVector;
  lat: DuckDBDoubleVector;
  lon: DuckDBDoubleVector;
}

/** Reads whole complaints back from the result, decoding a chunk's columns when a row of it is first asked for. */
class ResultRows {
  private readonly details = new Map<number, ChunkDetails>();

  constructor(
    /** Held, not read: the chunks' strings can live in the result's memory. */
    readonly result: DuckDBMaterializedResult,
    private readonly chunks: DuckDBDataChunk[],
    private readonly chunkStarts: number[],
    private readonly columns: Omit<ComplaintColumns, 'complaint'>,
  ) {}

  complaint(row: number): ClusterComplaint {
    const c = chunkOf(this.chunkStarts, row);
    const v = this.details.get(c) ?? this.detailsOf(c);
    const i = row - this.chunkStarts[c]!;
    return {
      complaint_id: v.id.getItem(i)!,
      category: CATEGORIES[this.columns.category[row]!] as Category,
      h3: this.columns.hexes[this.columns.hex[row]!]!,
      t: this.columns.t[row]!,
      city: v.city.getItem(i) ?? '',
      lat: v.lat.getItem(i) ?? NaN,
      lon: v.lon.getItem(i) ?? NaN,
    };
  }

  private detailsOf(c: number): ChunkDetails {
    const chunk = this.chunks[c]!;
    const v: ChunkDetails = {
      id: chunk.getColumnVector(Col.Id) as DuckDBVarCharVector,
      city: chunk.getColumnVector(Col.City) as DuckDBVarCharVector,
      lat: chunk.getColumnVector(Col.Lat) as DuckDBDoubleVector,
      lon: chunk.getColumnVector(Col.Lon) as DuckDBDoubleVector,
    };
    this.details.set(c, v);
    return v;
  }
}

/** Index of the chunk holding `row`: the last start at or before it. */
function chunkOf(starts: number[], row: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
