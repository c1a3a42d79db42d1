import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { CellpulseError } from '../../../domain/errors.js';

/** multipart/form-data for file uploads: one file per request, bounded by the upload limit. */
export async function multipartPlugin(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: app.config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    throwFileSizeLimit: true,
  });
  // busboy throws a bare Error on a form without a boundary; say what is wrong before it runs.
  app.addHook('preValidation', async (request) => {
    const type = request.headers['content-type'] ?? '';
    if (!/^\s*multipart\//i.test(type) || /;\s*boundary=("[^"]+"|[^\s;"]+)/i.test(type)) return;
    const message = 'a multipart body needs a boundary in its content type (multipart/form-data; boundary=...)';
    throw new CellpulseError('bad_request', message, type);
  });
}

/**
 * A failure while reading a multipart body, as the client's error it is: busboy reports a form
 * that lies about its boundary or ends early with a bare Error (no code, no status).
 * Errors with a code (fastify's limits, the file system's) stay as they are.
 */
export function asMultipartError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof CellpulseError) return error;
  if ('code' in error || 'statusCode' in error) return error;
  return new CellpulseError('bad_request', `the multipart body could not be read: ${error.message}`);
}
