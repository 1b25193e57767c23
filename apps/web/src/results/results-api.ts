// The results REST API (/api/results, documented in apps/server/src/http/routes/result-routes.ts)
// as typed calls. The recording is fetched by the waveform itself from recordingUrl().
import type {
  CallContoursDto,
  CallResultDto,
  CallTimelineDto,
  ResultCallDto,
  ResultTrendDto,
} from '@callsim/protocol';
import { api } from '../api/client.js';

export const listResultCalls = (): Promise<ResultCallDto[]> => api<ResultCallDto[]>('/results/calls');

export const getCallResult = (callId: string, version?: number): Promise<CallResultDto> =>
  api<CallResultDto>(`/results/calls/${encodeURIComponent(callId)}${version ? `?version=${version}` : ''}`);

export const getCallTimeline = (callId: string): Promise<CallTimelineDto> =>
  api<CallTimelineDto>(`/results/calls/${encodeURIComponent(callId)}/timeline`);

export const getCallContours = (callId: string, version?: number): Promise<CallContoursDto> =>
  api<CallContoursDto>(
    `/results/calls/${encodeURIComponent(callId)}/contours${version ? `?version=${version}` : ''}`,
  );

export const getResultTrend = (): Promise<ResultTrendDto> => api<ResultTrendDto>('/results/trend');

/** The stereo WAV of a call (agent left, customer right). */
export const recordingUrl = (callId: string): string => `/api/calls/${encodeURIComponent(callId)}/recording`;

/** How often pages look again while a score is pending, ms. */
export const PENDING_POLL_MS = 2_500;
