import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpEveryTable } from '../../helpers/table-dump.js';
import { startApiFixture, WRITE_KEY, type ApiFixture } from './api-fixture.js';

const BODY_LIMIT = 256 * 1024;
const UPLOAD_LIMIT = 64 * 1024;

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture({ bodyLimitBytes: BODY_LIMIT, uploadLimitBytes: UPLOAD_LIMIT });
});
afterAll(async () => api?.stop());

interface BadRequest {
  name: string;
  path: string;
  contentType?: string;
  body: string | Uint8Array;
}

/** Sends one request with the write key; answers status and parsed body (null when not JSON). */
async function send(request: BadRequest): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'x-api-key': WRITE_KEY };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  // A Blob without a type, so fetch adds no content type of its own.
  const body = new Blob([typeof request.body === 'string' ? Buffer.from(request.body) : Buffer.from(request.body)]);
  const response = await fetch(`${api.url}${request.path}`, { method: 'POST', headers, body });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: null };
  }
}

/** The request is refused with a 4xx `{code, message}` (no stack trace) and no table changes. */
async function expectRefused(request: BadRequest): Promise<void> {
  const before = await dumpEveryTable(api.db);
  const { status, body } = await send(request);
  expect(status, request.name).toBeGreaterThanOrEqual(400);
  expect(status, `${request.name}: ${JSON.stringify(body)}`).toBeLessThan(500);
  expect(Object.keys(body as object).sort(), request.name).toEqual(['code', 'message']);
  const { code, message } = body as { code: unknown; message: unknown };
  expect(typeof code, request.name).toBe('string');
  expect(typeof message, request.name).toBe('string');
  expect(message as string, request.name).not.toMatch(/\n\s+at /);
  expect(await dumpEveryTable(api.db), request.name).toEqual(before);
}

const json = (name: string, body: string, contentType = 'application/json'): BadRequest => ({
  name,
  path: '/v1/complaints',
  contentType,
  body,
});
const nested = (depth: number, open = '[', close = ']'): string => open.repeat(depth) + close.repeat(depth);

/** A multipart body with one part, written by hand so it can lie. */
function multipart(boundary: string, partHeaders: string, content: string | Uint8Array, closing = true): Uint8Array {
  const head = Buffer.from(`--${boundary}\r\n${partHeaders}\r\n\r\n`);
  const tail = Buffer.from(closing ? `\r\n--${boundary}--\r\n` : '');
  return Buffer.concat([head, Buffer.from(content), tail]);
}

const upload = (name: string, contentType: string, body: string | Uint8Array, kind = 'complaints'): BadRequest => ({
  name,
  path: `/v1/ingest/${kind}`,
  contentType,
  body,
});
const filePart = (fileName: string): string => `Content-Disposition: form-data; name="file"; filename="${fileName}"`;
const CSV_HEADER = 'complaint_id,received_at,city,category,technology\n';

describe('bad bodies on POST /v1/complaints are refused whole (4xx) and change nothing', () => {
  const cases: BadRequest[] = [
    json('array nested 5,000 deep', nested(5000)),
    json('array nested 200,000 deep', nested(200_000)),
    json(
      'objects nested 5,000 deep inside a row',
      `[{"complaint_id":"x","n":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]`,
    ),
    json('a row nested 40 deep', `[${nested(40)}]`),
    json('malformed JSON', '[{"complaint_id": "x",'),
    json('a lone surrogate in an id', '[{"complaint_id":"\\ud800","received_at":"2024-05-01T10:00:00Z"}]'),
    json('a lone surrogate in a key', '[{"\\udfffcity":"X"}]'),
    json('NDJSON with a lone surrogate', '{"complaint_id":"A\\ud83d"}\n', 'application/x-ndjson'),
    json('an object, not an array', '{"complaint_id":"x"}'),
    json('a bare number', '42'),
    json('a bare string', '"complaints"'),
    json('null', 'null'),
    json('an empty body', ''),
    json('prototype poisoning', '[{"__proto__":{"polluted":true},"complaint_id":"P-1"}]'),
    json('a huge string over the body limit', `[{"complaint_id":"${'x'.repeat(BODY_LIMIT + 10)}"}]`),
    json('NDJSON with a line nested 5,000 deep', `{"complaint_id":"N-1"}\n${nested(5000)}\n`, 'application/x-ndjson'),
    json('plain text', 'complaint_id,received_at\nX,2024', 'text/plain'),
    json('CSV as a body', `${CSV_HEADER}X,2024-05-01T00:00:00Z,Hangzhou,other,LTE\n`, 'text/csv'),
    json('XML', '<complaints/>', 'application/xml'),
    { name: 'no content type', path: '/v1/complaints', body: '[]' },
    json('a content type that is not one', '[]', ';;;'),
    json('multipart on the JSON route', 'x', 'multipart/form-data; boundary=abc'),
  ];
  for (const request of cases) it(request.name, () => expectRefused(request));

  it('fuzz: text that is not JSON', async () => {
    const notJson = fc.string({ unit: 'binary', maxLength: 200 }).filter((text) => !parses(text));
    await fc.assert(
      fc.asyncProperty(notJson, (text) => expectRefused(json('random text', text))),
      { numRuns: 40 },
    );
  });

  it('fuzz: JSON that is not an array', async () => {
    const notArray = fc.jsonValue({ maxDepth: 3 }).filter((value) => !Array.isArray(value));
    await fc.assert(
      fc.asyncProperty(notArray, (value) => expectRefused(json('not an array', JSON.stringify(value)))),
      { numRuns: 40 },
    );
  });

  it('fuzz: nesting deeper than the limit, anywhere in the batch', async () => {
    const deep = fc
      .tuple(fc.integer({ min: 31, max: 20_000 }), fc.constantFrom<[string, string]>(['[', ']'], ['{"k":', '}']))
      .map(([depth, [open, close]]) => `[{"complaint_id":"D","x":${open.repeat(depth)}1${close.repeat(depth)}}]`);
    await fc.assert(
      fc.asyncProperty(deep, (text) => expectRefused(json('deep', text))),
      { numRuns: 15 },
    );
  });
});

describe('bad uploads on POST /v1/ingest/{kind} are refused whole (4xx) and change nothing', () => {
  const B = 'cellpulse-boundary';
  let parquet: Uint8Array = new Uint8Array();
  beforeAll(async () => {
    const path = join(api.dir, 'real.parquet');
    await api.db.all(`COPY (SELECT 'C-' || i AS complaint_id, '2024-05-01T00:00:00Z' AS received_at, 'Hangzhou' AS city,
      'other' AS category, 'LTE' AS technology FROM range(500) t(i)) TO '${path}' (FORMAT parquet)`);
    parquet = readFileSync(path);
  });
  /** A well-formed multipart upload of one file part, so only the file's name or content is wrong. */
  const fileUpload = (name: string, fileName: string, content: string | Uint8Array, kind?: string): BadRequest =>
    upload(name, `multipart/form-data; boundary=${B}`, multipart(B, filePart(fileName), content), kind);
  const cases: BadRequest[] = [
    upload('multipart without a boundary', 'multipart/form-data', multipart(B, filePart('a.csv'), CSV_HEADER)),
    upload(
      'multipart with an empty boundary',
      'multipart/form-data; boundary=',
      multipart(B, filePart('a.csv'), CSV_HEADER),
    ),
    upload(
      'multipart whose boundary is not in the body',
      `multipart/form-data; boundary=${B}`,
      multipart('other', filePart('a.csv'), CSV_HEADER),
    ),
    upload(
      'multipart cut off before its closing boundary',
      `multipart/form-data; boundary=${B}`,
      multipart(B, filePart('a.csv'), `${CSV_HEADER}X,2024`, false),
    ),
    upload('a part without headers', `multipart/form-data; boundary=${B}`, `--${B}\r\n\r\n\r\n--${B}--\r\n`),
    upload(
      'a field but no file (wrong field kind)',
      `multipart/form-data; boundary=${B}`,
      multipart(B, 'Content-Disposition: form-data; name="complaints"', CSV_HEADER),
    ),
    upload('an empty multipart body', `multipart/form-data; boundary=${B}`, ''),
    upload('JSON instead of multipart', 'application/json', '[]'),
    fileUpload('a .parquet file that is CSV', 'lies.parquet', CSV_HEADER),
    fileUpload('a .parquet file with a bad magic', 'bad.parquet', Buffer.from('PAR2 not really parquet PAR2')),
    fileUpload('a .csv of binary junk', 'junk.csv', junk(4096)),
    fileUpload('a .csv without the required columns', 'cols.csv', 'id,when\n1,2\n'),
    fileUpload('a .ndjson file of one deep line', 'deep.ndjson', nested(5000)),
    fileUpload('a .json file nested 5,000 deep', 'deep.json', nested(5000)),
    fileUpload('a file over the upload limit', 'big.csv', CSV_HEADER + 'x'.repeat(UPLOAD_LIMIT)),
    fileUpload('an unknown extension', 'a.exe', CSV_HEADER),
    fileUpload('an unknown kind', 'a.csv', CSV_HEADER, 'cats'),
  ];
  for (const request of cases) it(request.name, () => expectRefused(request));

  it('a truncated .parquet file', async () => {
    const cut = parquet.subarray(0, parquet.length - 300);
    await expectRefused(fileUpload('cut', 'cut.parquet', cut));
  });

  it('fuzz: random bytes as a .csv, .ndjson, .json or .parquet upload', async () => {
    const ext = fc.constantFrom('csv', 'ndjson', 'json', 'parquet');
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 2048 });
    await fc.assert(
      fc.asyncProperty(ext, bytes, async (extension, content) => {
        const request = fileUpload(`random .${extension}`, `r.${extension}`, content);
        const before = await dumpEveryTable(api.db);
        const { status, body } = await send(request);
        expect(status, JSON.stringify(body)).toBeLessThan(500);
        // Random bytes can read as a CSV whose every row is rejected: then only the run book grows.
        if (status === 200) {
          expect(body).toMatchObject({ accepted: 0, updated: 0 });
        } else {
          expect(Object.keys(body as object).sort()).toEqual(['code', 'message']);
          expect(await dumpEveryTable(api.db)).toEqual(before);
        }
      }),
      { numRuns: 30 },
    );
  });
});

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function junk(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = 12345;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

describe('rows with control characters are rejected one by one, with a reason naming the field', () => {
  it('a complaint_id holding a NUL byte, beside a clean row: only the clean row is written', async () => {
    const row = { received_at: '2024-05-09T09:00:00+08:00', city: 'Hangzhou', category: 'other', technology: 'LTE' };
    const { status, body } = await send(
      json(
        'NUL id',
        JSON.stringify([
          { ...row, complaint_id: 'NUL-\u0000-1' },
          { ...row, complaint_id: 'NUL-2' },
        ]),
      ),
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      accepted: 1,
      rejected: 1,
      rows: [
        {
          item: 1,
          status: 'rejected',
          reason: 'item 1: complaint_id contains the control character U+0000; remove it',
        },
        { item: 2, complaint_id: 'NUL-2', status: 'accepted' },
      ],
    });
    const stored = await api.db.all<{ id: string }>(
      `SELECT complaint_id AS id FROM complaints WHERE complaint_id LIKE 'NUL-%'`,
    );
    expect(stored.map((r) => r.id)).toEqual(['NUL-2']);
  });
});

describe('rows of wrong types never reach a 5xx: rows are answered one by one, or the batch is refused whole', () => {
  const FIELDS = [
    'complaint_id',
    'received_at',
    'city',
    'category',
    'technology',
    'lat',
    'lon',
    'cell_id',
    'satisfied',
  ];
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('2024-05-01T10:00:00Z', 'other', 'LTE', 'Hangzhou', '30.27', 1e308, -0, ''),
  );
  const row = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value), fc.jsonValue({ maxDepth: 2 }));

  it('fuzz: arrays of random rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), async (rows) => {
        const before = await dumpEveryTable(api.db);
        const { status, body } = await send(json('random rows', JSON.stringify(rows)));
        expect(status, JSON.stringify(body)).toBeLessThan(500);
        if (status !== 200) {
          // No row carries a required field at all: refused like a file without the column.
          expect(Object.keys(body as object).sort()).toEqual(['code', 'message']);
          expect(await dumpEveryTable(api.db)).toEqual(before);
          return;
        }
        const answer = body as { rows: { status: string; reason?: string }[] };
        expect(answer.rows).toHaveLength(rows.length);
        for (const r of answer.rows) if (r.status === 'rejected') expect(r.reason).toMatch(/^item \d+: /);
      }),
      { numRuns: 30 },
    );
  });

  it('fuzz: NDJSON of random lines (malformed lines are rejected rows)', async () => {
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), async (lines) => {
        const text = lines.map((l) => l.replace(/[\r\n]/g, ' ')).join('\n');
        const before = await dumpEveryTable(api.db);
        const { status, body } = await send(json('random NDJSON', text, 'application/x-ndjson'));
        expect(status, JSON.stringify(body)).toBeLessThan(500);
        if (status !== 200) expect(await dumpEveryTable(api.db)).toEqual(before);
      }),
      { numRuns: 30 },
    );
  });

  it('a 200 kB string in a field is answered, not a 5xx', async () => {
    const huge = 'x'.repeat(200_000);
    const rows = [
      { complaint_id: 'HUGE-1', received_at: huge, city: 'Hangzhou', category: 'other', technology: 'LTE' },
    ];
    const { status, body } = await send(json('huge field', JSON.stringify(rows)));
    expect(status).toBe(200);
    expect(body).toMatchObject({ rejected: 1 });
  });
});
