// Calls of the call-script editor that the JSON client does not cover: audio answers
// (previews, recorded clips) and the raw WAV upload. Failures become ApiError like
// api(), so the page shows the catalogue message in the UI language.
import type { ErrorBody, LineAudioSavedDto, PreviewLineBody } from '@callsim/protocol';
import { ApiError, NETWORK_ERROR } from '../api/client.js';

const BASE = '/api/call-scripts';

async function send(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, { credentials: 'same-origin', ...init });
  } catch {
    throw new ApiError(NETWORK_ERROR, 0);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const error = (body as ErrorBody | undefined)?.error;
    throw new ApiError(error?.code ?? 'INTERNAL', response.status, error?.details ?? {});
  }
  return response;
}

/** The TTS rendering of a customer line (WAV). */
export async function previewLine(body: PreviewLineBody): Promise<Blob> {
  const response = await send('/preview-line', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.blob();
}

/** The recorded clip of a turn as saved on the server (WAV). */
export async function recordedLine(path: string, turn: string): Promise<Blob> {
  const query = new URLSearchParams({ path, turn });
  return (await send(`/line-audio?${query}`, { method: 'GET' })).blob();
}

/** Uploads a recorded WAV for a turn; answers the saved file (with `audio:` written). */
export async function uploadLine(path: string, turn: string, wav: Blob): Promise<LineAudioSavedDto> {
  const query = new URLSearchParams({ path, turn });
  const response = await send(`/line-audio?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'audio/wav' },
    body: wav,
  });
  return (await response.json()) as LineAudioSavedDto;
}
