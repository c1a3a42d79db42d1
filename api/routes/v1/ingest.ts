import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InputKind } from '../../../domain/enums.js';
import { CellpulseError } from '../../../domain/errors.js';
import { ENCODINGS } from '../../../ingest/detect-encoding.js';
import { detectFormat, FORMATS } from '../../../ingest/formats.js';
import { ingestFile, raisedOrUpdated } from '../../services/ingest-service.js';
import { asMultipartError } from '../../plugins/external/multipart.js';
import { ErrorBody } from '../../schemas/common.js';
import { IngestQuery, UploadAnswer } from '../../schemas/complaints.js';
import { writeOptions } from '../route-options.js';

const UploadQuery = IngestQuery.extend({
  format: z.enum(FORMATS).optional().describe('overrides the format told by the file name'),
  encoding: z
    .enum(ENCODINGS)
    .optional()
    .describe('text encoding of a CSV/NDJSON file (default: detected: UTF-8, GB18030/GBK, UTF-16 with BOM)'),
  sheet: z.string().min(1).max(200).optional().describe('sheet of an .xlsx workbook (default: the first)'),
});

/**
 * `POST /v1/ingest/{kind}`: one uploaded file (multipart/form-data, any field name) is written to
 * a private temp directory under its own name, so the format is told by its extension, then
 * ingested exactly as `cellpulse ingest` would; the temp copy is always removed.
 */
const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ingest/:kind',
    writeOptions({
      tags: ['ingest'],
      summary: 'ingest an uploaded CSV, NDJSON, JSON, Parquet or .xlsx file',
      description:
        `multipart/form-data with one file (at most ${Math.round(app.config.uploadLimitBytes / 1048576)} ` +
        `MB); the format comes from its name (.csv, .ndjson, .json, .parquet, .xlsx, optionally .gz)`,
      consumes: ['multipart/form-data'],
      params: z.object({ kind: InputKind }),
      querystring: UploadQuery,
      response: { 200: UploadAnswer, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
    }),
    async (request) => {
      const file = await request.file().catch((error: unknown) => Promise.reject(asMultipartError(error)));
      if (file === undefined)
        throw new CellpulseError('bad_request', 'the request holds no file; send one as multipart/form-data');
      const name = safeName(file.filename);
      const format = detectFormat(name, request.query.format);
      const dir = await mkdtemp(join(tmpdir(), 'cellpulse-upload-'));
      try {
        const path = join(dir, name);
        await pipeline(file.file, createWriteStream(path)).catch((error: unknown) =>
          Promise.reject(asMultipartError(error)),
        );
        // A stream past the size limit just stops (truncated): never ingest half a file.
        if (file.file.truncated)
          throw new CellpulseError(
            'payload_too_large',
            `the file is larger than the upload limit of ${app.config.uploadLimitBytes} bytes`,
          );
        const outcome = await hideTempDir(dir, () =>
          ingestFile(app.db, {
            kind: request.params.kind,
            source: { path, format, ...textOptions(request.query) },
            crs: request.query.crs,
            ...(request.apiKeyId ? { actor: request.apiKeyId } : {}),
          }),
        );
        void app.alerts.notify();
        const { run_id, kind, total, accepted, updated, rejected } = outcome;
        const incidents = raisedOrUpdated(outcome.events);
        return { run_id, kind, source: name, total, accepted, updated, rejected, incidents };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};

/** The encoding and sheet the client named, leaving out what it did not. */
function textOptions(query: z.infer<typeof UploadQuery>): { encoding?: (typeof ENCODINGS)[number]; sheet?: string } {
  return { ...(query.encoding ? { encoding: query.encoding } : {}), ...(query.sheet ? { sheet: query.sheet } : {}) };
}

/** The client's file name without any directory part; a name-less part gets a neutral one. */
function safeName(filename: string | undefined): string {
  const name = basename((filename ?? '').replaceAll('\\', '/')).replace(/[^\w.-]+/g, '_');
  return name === '' || name.startsWith('.') ? `upload${name}` : name;
}

/** Keeps the server's temp directory out of refusal messages sent to the client. */
async function hideTempDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CellpulseError) throw new CellpulseError(error.code, error.message.replaceAll(`${dir}/`, ''));
    throw error;
  }
}

export default ingestRoutes;
