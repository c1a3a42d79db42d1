import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { CellpulseError, ERROR_STATUS, type ErrorCode } from '../../../domain/errors.js';
import { sharedPlugin } from './shared-plugin.js';

interface ErrorBody {
  code: string;
  message: string;
}

/** Codes of fastify and its plugins that are the client's doing, by the error code they throw. */
const CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

/**
 * The one error handler: every failure becomes `{code, message}` with its proper status.
 * Bad input is a 4xx naming what was wrong; anything else is logged with the request context
 * and answered 500 `internal` without details, so no stack trace or SQL ever reaches a client.
 */
export const errorHandlerPlugin = sharedPlugin('cellpulse-errors', async (app) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const [status, body] = describe(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status }, body.message);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
});

function describe(error: FastifyError): [number, ErrorBody] {
  if (hasZodFastifySchemaValidationErrors(error))
    return [400, { code: 'invalid_parameter', message: validationMessage(error) }];
  if (error instanceof CellpulseError) return [error.status, { code: error.code, message: error.message }];
  if (error instanceof ZodError)
    return [
      400,
      {
        code: 'invalid_parameter',
        message: error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '),
      },
    ];
  const known = error.code === undefined ? undefined : CLIENT_ERRORS[error.code];
  if (known !== undefined) return [ERROR_STATUS[known], { code: known, message: error.message }];
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return [status, { code: codeForStatus(status), message: error.message }];
  return [500, { code: 'internal', message: 'internal error' }];
}

/** "querystring.res: Too big: expected number to be <=15", one clause per issue. */
function validationMessage(error: FastifyError & { validation: ZodFastifySchemaValidationError[] }): string {
  const where = error.validationContext ?? 'request';
  return error.validation
    .map((issue) => {
      const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return `${field ? `${where}.${field}` : where}: ${issue.message}`;
    })
    .join('; ');
}

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(
    ([code, s]) => s === status && code !== 'invalid_parameter',
  );
  return match?.[0] ?? 'bad_request';
}
