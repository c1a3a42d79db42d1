import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** multipart/form-data for file uploads: one file per request, bounded by the upload limit. */
export async function multipartPlugin(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: app.config.uploadLimitBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
    throwFileSizeLimit: true,
  });
}
