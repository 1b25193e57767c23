// Typed fetch for the REST API. Every failure becomes an ApiError carrying the
// catalogue code and details, so pages show the message in the UI language.
import type { ErrorBody } from '@callsim/protocol';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** Thrown when the server cannot be reached at all. */
export const NETWORK_ERROR = 'NETWORK';

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      credentials: 'same-origin',
      ...rest,
      headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 0);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(error?.code ?? 'INTERNAL', response.status, error?.details ?? {});
  }
  return body as T;
}
