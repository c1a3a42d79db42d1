import type { ServerConfigInput } from '../../../api/schemas/server-config.js';
import { Database } from '../../../store/database.js';
import { startTestServer } from '../api/api-fixture.js';

export { burst } from '../api/api-fixture.js';

export const KEY = 'alerts-key-0123456789';

export interface FileServer {
  url: string;
  db: Database;
  close: () => Promise<void>;
}

/** A real server on 127.0.0.1 over a DuckDB file (created when new), closed with its database. */
export async function serveFile(path: string, config: ServerConfigInput = {}): Promise<FileServer> {
  const db = await Database.open(path, { settings: { h3Resolution: 8, timeZone: 'Asia/Shanghai' } });
  const server = await startTestServer(db, { apiKeys: [KEY], dashboardDir: `${path}-no-dashboard`, ...config });
  return { url: server.url, db, close: server.close };
}

/** POSTs JSON with the key (unless `key` is null) and returns status and parsed body. */
export async function post(
  url: string,
  body: unknown,
  key: string | null = KEY,
  // biome-ignore lint/suspicious/noExplicitAny: the parsed answer of any route; each test reads the fields it asserts
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
