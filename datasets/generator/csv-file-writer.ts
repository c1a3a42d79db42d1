import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

export type CsvValue = string | number | boolean | null | undefined;

const CHUNK_CHARS = 1 << 16;

/** One CSV field: empty for null/undefined, quoted when it holds a comma, quote or line break. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes a CSV file row by row through a file stream, honouring backpressure (waits for
 * 'drain' when the stream's buffer is full), so a file of any size never sits in memory.
 * Lines end in \n; the header is written first.
 */
export class CsvFileWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private rows = 0;

  private constructor(private readonly stream: WriteStream) {}

  static async open(path: string, header: readonly string[]): Promise<CsvFileWriter> {
    const stream = createWriteStream(path, { encoding: 'utf8' });
    await once(stream, 'open');
    const writer = new CsvFileWriter(stream);
    writer.pending.push(`${header.join(',')}\n`);
    return writer;
  }

  /** Rows written so far (the header not counted). */
  get count(): number {
    return this.rows;
  }

  async row(values: readonly CsvValue[]): Promise<void> {
    const line = `${values.map(csvField).join(',')}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    this.rows += 1;
    if (this.pendingChars >= CHUNK_CHARS) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
