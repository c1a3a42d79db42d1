/** Stable error codes; each maps to one HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_parameter: 400,
  refused_file: 422,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_acceptable: 406,
  rate_limited: 429,
  conflict: 409,
  internal: 500,
  /** A read that ran (or queued) past the server's query timeout; it was stopped. */
  query_timeout: 503,
  /** `/readyz` while the database does not answer a query. */
  not_ready: 503,
  /** `/readyz` once the server has begun to close. */
  shutting_down: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type of cellpulse: a stable `code`, the HTTP status it maps to,
 * a message a person can act on and, when there is one, the offending value.
 */
export class CellpulseError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly value?: unknown,
  ) {
    super(value === undefined ? message : `${message} (value: ${formatValue(value)})`);
    this.name = 'CellpulseError';
    this.status = ERROR_STATUS[code];
  }
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
