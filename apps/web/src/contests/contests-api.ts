// Typed calls to /api/contests for the contest pages. Audio and play marks use the opaque
// entry keys the server hands out; nothing here ever sees a call id before the results.
import type {
  BallotDto,
  ContestDto,
  ContestEntryDto,
  ContestResultsDto,
  ContestTallyDto,
  CreateContestBody,
  NominateBody,
} from '@callsim/protocol';
import { api } from '../api/client.js';

export const contestsApi = {
  list: () => api<ContestDto[]>('/contests'),
  get: (id: string) => api<ContestDto>(`/contests/${id}`),
  create: (body: CreateContestBody) => api<ContestDto>('/contests', { method: 'POST', json: body }),
  phase: (id: string, action: 'start-voting' | 'close') =>
    api<ContestDto>(`/contests/${id}/phase`, { method: 'POST', json: { action } }),
  entries: (id: string) => api<ContestEntryDto[]>(`/contests/${id}/entries`),
  nominate: (id: string, body: NominateBody) =>
    api<ContestEntryDto>(`/contests/${id}/entries`, { method: 'POST', json: body }),
  withdraw: (id: string, key: string) => api<void>(`/contests/${id}/entries/${key}`, { method: 'DELETE' }),
  played: (id: string, key: string) => api<void>(`/contests/${id}/plays/${key}`, { method: 'POST' }),
  ballot: (id: string) => api<BallotDto>(`/contests/${id}/ballot`),
  vote: (id: string, entryKeys: string[]) =>
    api<BallotDto>(`/contests/${id}/ballot`, { method: 'PUT', json: { entryKeys } }),
  score: (id: string, key: string, points: Record<string, number>, comment?: string) =>
    api<void>(`/contests/${id}/scores/${key}`, { method: 'PUT', json: { points, comment } }),
  tally: (id: string) => api<ContestTallyDto>(`/contests/${id}/tally`),
  results: (id: string) => api<ContestResultsDto>(`/contests/${id}/results`),
};

/** A finished call the viewer may nominate (the subset of GET /api/calls the form needs). */
export interface NominatableCall {
  id: string;
  scenarioId: string;
  status: string;
  createdAtMs: number;
  durationMs: number | null;
}

export const listCalls = (userId?: string) =>
  api<NominatableCall[]>(`/calls${userId ? `?userId=${encodeURIComponent(userId)}` : ''}`);

/** The URL of an entry's audio (the DTO's path is relative to /api). */
export const audioUrl = (entry: ContestEntryDto) => `/api${entry.audioPath}`;
