// Calls of the drills pages: JSON through api(), plus the two binary ones (dictation
// audio as a Blob, the warm-up WAV upload). Failures become ApiError like api() does.
import type {
  DrillOverviewDto,
  DrillProgressDto,
  DrillSettingsBody,
  DrillSettingsDto,
  ErrorBody,
  KeyField,
  LeaderboardDto,
  TypingAttemptStartedDto,
  TypingMaterialDto,
  TypingMode,
  TypingPlayDto,
  TypingResultDto,
  WarmupReadingDto,
  WarmupSentenceId,
  WarmupSentencesDto,
  WarmupStyle,
} from '@callsim/protocol';
import { ApiError, api, NETWORK_ERROR } from '../api/client.js';

const query = (params: Record<string, string | undefined>) => {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return defined.length > 0 ? `?${new URLSearchParams(defined)}` : '';
};

async function send(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init });
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

export const drillsApi = {
  overview: (classId?: string) => api<DrillOverviewDto>(`/drills/overview${query({ classId })}`),
  saveSettings: (classId: string, body: DrillSettingsBody) =>
    api<DrillSettingsDto>(`/drills/classes/${classId}/settings`, { method: 'PUT', json: body }),
  setShowOnLeaderboard: (showOnLeaderboard: boolean) =>
    api<{ showOnLeaderboard: boolean }>('/drills/preferences', {
      method: 'PUT',
      json: { showOnLeaderboard },
    }),

  materials: (classId: string | undefined, mode: TypingMode) =>
    api<TypingMaterialDto[]>(`/drills/typing/materials${query({ classId, mode })}`),
  startAttempt: (materialId: string, speed: number, classId?: string) =>
    api<TypingAttemptStartedDto>('/drills/typing/attempts', {
      method: 'POST',
      json: { materialId, speed, ...(classId ? { classId } : {}) },
    }),
  attemptAudio: async (audioUrl: string): Promise<Blob> => (await send(audioUrl)).blob(),
  registerPlay: (attemptId: string) =>
    api<TypingPlayDto>(`/drills/typing/attempts/${attemptId}/plays`, { method: 'POST' }),
  submit: (attemptId: string, answer: { text: string } | { fields: Partial<Record<KeyField, string>> }) =>
    api<TypingResultDto>(`/drills/typing/attempts/${attemptId}/submit`, { method: 'POST', json: answer }),

  warmupSentences: (classId?: string) =>
    api<WarmupSentencesDto>(`/drills/warmup/sentences${query({ classId })}`),
  uploadReading: async (
    sentenceId: WarmupSentenceId,
    style: WarmupStyle,
    wav: Blob,
    classId?: string,
  ): Promise<WarmupReadingDto> => {
    const response = await send(`/api/drills/warmup/readings${query({ sentenceId, style, classId })}`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav' },
      body: wav,
    });
    return (await response.json()) as WarmupReadingDto;
  },
  readings: (userId?: string) => api<WarmupReadingDto[]>(`/drills/warmup/readings${query({ userId })}`),

  progress: (userId?: string, classId?: string) =>
    api<DrillProgressDto>(`/drills/progress${query({ userId, classId })}`),
  leaderboard: (classId?: string) => api<LeaderboardDto>(`/drills/leaderboard${query({ classId })}`),
};
