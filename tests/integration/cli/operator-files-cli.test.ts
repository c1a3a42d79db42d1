import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';

const dir = makeTmpDir('cellpulse-operator-cli-');
afterAll(() => removeDir(dir));

/** Mostly ASCII: too little Chinese for the detection to be sure it is GBK. */
const SHORT = 'complaint_id,received_at,city,category,technology\nA-1,2026-10-05 10:00,Harbin,掉话,4G\n';

describe('cellpulse ingest --encoding', () => {
  it('refuses a file whose encoding it cannot tell (exit 3, naming the flag), reads it with --encoding gb18030', {
    timeout: 60_000,
  }, async () => {
    const file = join(dir, 'short.csv');
    writeFileSync(file, iconv.encode(SHORT, 'gbk'));
    const db = join(dir, 'enc.duckdb');
    const refused = await runCli(['ingest', 'complaints', file, '--db', db]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--encoding gb18030');
    const read = await runCli(['ingest', 'complaints', file, '--db', db, '--encoding', 'gb18030']);
    expect(read.code, read.stderr).toBe(0);
    expect(JSON.parse(read.lastLine)).toEqual({ accepted: 1, updated: 0, rejected: 0 });
    expect((await runCli(['ingest', 'complaints', file, '--db', db, '--encoding', 'big5'])).code).toBe(2);
  });
});

describe('cellpulse demo --zh', () => {
  it('writes the sample as Chinese GBK files and loads every row', { timeout: 120_000 }, async () => {
    const result = await runCli(['demo', '--db', join(dir, 'demo.duckdb'), '--no-serve', '--zh'], 110_000);
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'sample', 'complaints.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(new TextDecoder('gb18030').decode(bytes).split('\n')[0]).toBe(
      '工单号,受理时间,地市,投诉类型,网络制式,纬度,经度,小区ID,回复时间,解决时间,处理结果,回访满意',
    );
    const counts = JSON.parse(result.lastLine) as Record<string, { accepted: number; rejected: number }>;
    expect(counts.complaints).toEqual({ accepted: 5886, updated: 0, rejected: 0 });
    expect(Object.values(counts).every((c) => c.rejected === 0)).toBe(true);
  });
});
