/** A route this server does not have (an older server, or a feature left out): the panel says so. */
export class NotAvailable extends Error {
  constructor(path: string) {
    super(`${path} is not available`);
  }
}

/** An error answer of the API (`{code, message}`), kept whole so a panel can show the message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const KEY_STORAGE = 'cellpulse.apiKey';

/** The API key the user entered (needed only when the server requires keys for reads). */
export function apiKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key: string): void {
  if (key.trim() === '') localStorage.removeItem(KEY_STORAGE);
  else localStorage.setItem(KEY_STORAGE, key.trim());
}

export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key === '' ? {} : { 'x-api-key': key };
}

export type Params = Record<string, string | number | undefined | null>;

/** `path?query` relative to the page, so the dashboard works behind a path prefix; empty values are left out. */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const query = search.toString();
  return `${path.replace(/^\//, '')}${query === '' ? '' : `?${query}`}`;
}

/**
 * GETs JSON from the API.
 * @throws NotAvailable on 404 (the route does not exist here), ApiError for any other error answer.
 */
export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch(apiUrl(path, params), {
    headers: { accept: 'application/json', ...authHeaders() },
    ...(signal ? { signal } : {}),
  });
  if (response.status === 404) throw new NotAvailable(path);
  if (!response.ok) throw await apiError(response);
  return (await response.json()) as T;
}

/**
 * POSTs JSON with the API key and returns the JSON answer.
 * @throws ApiError for an error answer (401 without a write key, 409, ...).
 */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(apiUrl(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await apiError(response);
  return (await response.json()) as T;
}

async function apiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: string; message?: string };
    return new ApiError(response.status, body.code ?? 'error', body.message ?? response.statusText);
  } catch {
    return new ApiError(response.status, 'error', response.statusText);
  }
}
