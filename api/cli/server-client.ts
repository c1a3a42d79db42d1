import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { CellpulseError, ERROR_STATUS, type ErrorCode } from '../../domain/errors.js';
import type { ServerRecord } from './server-record.js';

export type QueryValues = Record<string, string | number | boolean | undefined>;

/** The write key a CLI command sends to a running server. */
export const API_KEY_VARIABLE = 'CELLPULSE_API_KEY';

/** Talks to the `cellpulse serve` that holds a database, for commands run beside it. */
export class ServerClient {
  constructor(readonly server: ServerRecord) {}

  /** `GET path?query` as JSON; an error answer becomes the CellpulseError the command would have thrown. */
  async getJson<T>(path: string, query: QueryValues = {}): Promise<T> {
    // A server that wants keys on reads too (CELLPULSE_READ_KEYS_REQUIRED) gets the same key.
    const key = process.env[API_KEY_VARIABLE];
    const init = key ? { headers: { 'x-api-key': key } } : {};
    const response = await this.send(`${path}?${searchParams({ ...query, format: 'json' })}`, init);
    return (await response.json()) as T;
  }

  /** `PUT path` with a JSON body and the write key of `CELLPULSE_API_KEY` (`what` completes the refusal). */
  putJson<T>(path: string, body: unknown, what: string): Promise<T> {
    return this.sendJson('PUT', path, body, what);
  }

  /** `POST path` with a JSON body and the write key of `CELLPULSE_API_KEY` (`what` completes the refusal). */
  postJson<T>(path: string, body: unknown, what: string): Promise<T> {
    return this.sendJson('POST', path, body, what);
  }

  /** Uploads `file` to `POST /v1/ingest/{kind}` with the write key of `CELLPULSE_API_KEY`. */
  async upload<T>(kind: string, file: string, query: QueryValues): Promise<T> {
    const what = 'to ingest through it';
    const key = this.writeKey(what);
    const form = new FormData();
    const blob = await openAsBlob(file).catch((error: unknown) => {
      throw new CellpulseError('refused_file', `cannot read the file: ${(error as Error).message}`, file);
    });
    form.set('file', blob, basename(file));
    const path = `/v1/ingest/${encodeURIComponent(kind)}?${searchParams(query)}`;
    const response = await this.send(path, { method: 'POST', body: form, headers: { 'x-api-key': key } }, what);
    return (await response.json()) as T;
  }

  /** The exit-3 refusal of a write while the server holds the database. */
  needsKey(what: string, refused = false): CellpulseError {
    const { db } = this.server;
    const why = refused ? `the server refused the key in ${API_KEY_VARIABLE}` : `${API_KEY_VARIABLE} is not set`;
    return new CellpulseError(
      'conflict',
      `${db} is held by the server at http://${this.server.host}:${this.server.port}; ${why}: ` +
        `set ${API_KEY_VARIABLE} to one of the server's write keys (CELLPULSE_API_KEYS) ${what}, or stop the server`,
    );
  }

  private async sendJson<T>(method: 'PUT' | 'POST', path: string, body: unknown, what: string): Promise<T> {
    const headers = { 'content-type': 'application/json', 'x-api-key': this.writeKey(what) };
    const response = await this.send(path, { method, body: JSON.stringify(body), headers }, what);
    return (await response.json()) as T;
  }

  private writeKey(what: string): string {
    const key = process.env[API_KEY_VARIABLE];
    if (!key) throw this.needsKey(what);
    return key;
  }

  private async send(path: string, init: RequestInit, what = ''): Promise<Response> {
    const response = await fetch(`${this.server.url}${path}`, init).catch((error: unknown) => {
      const why = (error as Error).message;
      throw new CellpulseError('conflict', `the server at ${this.server.url} did not answer: ${why}`);
    });
    if (response.ok) return response;
    if (response.status === 401 && init.method !== undefined) throw this.needsKey(what, true);
    throw await answerError(response);
  }
}

function searchParams(query: QueryValues): string {
  const given = Object.entries(query).filter(([, value]) => value !== undefined);
  return new URLSearchParams(given.map(([name, value]) => [name, String(value)])).toString();
}

async function answerError(response: Response): Promise<CellpulseError> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const code = body.code !== undefined && body.code in ERROR_STATUS ? (body.code as ErrorCode) : 'internal';
  return new CellpulseError(code, body.message ?? `the server answered ${response.status}`);
}
