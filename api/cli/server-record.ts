import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CellpulseError } from '../../domain/errors.js';

/** What `cellpulse serve` leaves beside its database so other commands on that file can reach it. */
export const ServerRecord = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  port: z.number().int().min(0).max(65535),
  url: z.string().url(),
  db: z.string(),
  started_at: z.iso.datetime(),
});
export type ServerRecord = z.infer<typeof ServerRecord>;

/** `<db>.server.json`, beside the database file (absolute, so any working directory finds it). */
export function serverRecordPath(dbPath: string): string {
  return `${resolve(dbPath)}.server.json`;
}

/**
 * Writes the record of the server now listening at `url` on `dbPath` (atomically: a reader never
 * sees half a file) and removes it when this process exits, however it exits short of SIGKILL.
 */
export function writeServerRecord(dbPath: string, url: string): ServerRecord {
  const { hostname, port } = new URL(url);
  const record: ServerRecord = {
    pid: process.pid,
    host: hostname,
    port: Number(port),
    url: url.replace(/\/$/, ''),
    db: resolve(dbPath),
    started_at: new Date().toISOString(),
  };
  const path = serverRecordPath(dbPath);
  writeFileSync(`${path}.${process.pid}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${path}.${process.pid}.tmp`, path);
  process.once('exit', () => removeOwnRecord(path));
  return record;
}

function removeOwnRecord(path: string): void {
  if (readRecord(path)?.pid === process.pid) rmSync(path, { force: true });
}

function readRecord(path: string): ServerRecord | undefined {
  try {
    return ServerRecord.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The server holding `dbPath`, if one is running: its record exists, its process is alive and its
 * URL answers `/healthz`. A record whose process is gone (a server killed hard) is deleted.
 */
export async function findRunningServer(dbPath: string): Promise<ServerRecord | undefined> {
  const path = serverRecordPath(dbPath);
  const record = readRecord(path);
  if (record === undefined || !isAlive(record.pid)) {
    if (record !== undefined) rmSync(path, { force: true });
    return undefined;
  }
  return (await answersHealth(record.url)) ? record : undefined;
}

/** Refuses to start a second server on (or to recreate) a database a running server holds. */
export async function refuseIfServed(dbPath: string): Promise<void> {
  const server = await findRunningServer(dbPath);
  if (server === undefined) return;
  const where = `${server.url} (process ${server.pid})`;
  throw new CellpulseError('conflict', `${server.db} is already served at ${where}; stop that server first`);
}
