// The evaluator console's REST API (/api/review, documented in
// apps/server/src/http/routes/review-routes.ts) as typed calls.
import type {
  CalibrationDto,
  CommentBody,
  GradebookDto,
  RecordingPageDto,
  RecordingsQuery,
  ReviewCommentDto,
  ReviewDto,
  ReviewNotificationDto,
  ReviewSummaryDto,
  ReviewWorkspaceDto,
  RubricBody,
  RubricDto,
  RubricKind,
  SaveReviewBody,
} from '@callsim/protocol';
import { api } from '../api/client.js';

const call = (callId: string): string => `/review/calls/${encodeURIComponent(callId)}`;

/** Query string of the recordings list; undefined and empty values are left out. */
export function recordingsSearch(
  query: Partial<RecordingsQuery> | Record<string, string | number | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const reviewApi = {
  recordings: (query: Partial<RecordingsQuery>) =>
    api<RecordingPageDto>(`/review/recordings${recordingsSearch(query)}`),
  workspace: (callId: string) => api<ReviewWorkspaceDto>(call(callId)),
  saveReview: (callId: string, body: SaveReviewBody) =>
    api<ReviewDto>(`${call(callId)}/review`, { method: 'PUT', json: body }),
  publish: (callId: string) => api<ReviewDto>(`${call(callId)}/review/publish`, { method: 'POST' }),
  addComment: (callId: string, body: CommentBody) =>
    api<ReviewCommentDto>(`${call(callId)}/comments`, { method: 'POST', json: body }),
  deleteComment: (commentId: string) =>
    api<void>(`/review/comments/${encodeURIComponent(commentId)}`, { method: 'DELETE' }),
  correct: (callId: string, segmentIndex: number, text: string) =>
    api<{ rescored: boolean; scoreVersion: number | null; workspace: ReviewWorkspaceDto }>(
      `${call(callId)}/transcript`,
      { method: 'POST', json: { segmentIndex, text } },
    ),
  summary: (callId: string) => api<ReviewSummaryDto>(`${call(callId)}/summary`),
  notifications: () => api<ReviewNotificationDto[]>('/review/notifications'),
  markRead: (ids?: string[]) =>
    api<{ updated: number }>('/review/notifications/read', { method: 'POST', json: ids ? { ids } : {} }),
  rubrics: (classId: string) => api<RubricDto[]>(`/review/classes/${encodeURIComponent(classId)}/rubrics`),
  saveRubric: (classId: string, kind: RubricKind, body: RubricBody) =>
    api<RubricDto>(`/review/classes/${encodeURIComponent(classId)}/rubrics/${kind}`, {
      method: 'PUT',
      json: body,
    }),
  resetRubric: (classId: string, kind: RubricKind) =>
    api<RubricDto>(`/review/classes/${encodeURIComponent(classId)}/rubrics/${kind}`, { method: 'DELETE' }),
  calibration: (classId: string | undefined, rubricKind: RubricKind) =>
    api<CalibrationDto>(`/review/calibration${recordingsSearch({ classId, rubricKind })}`),
  gradebook: (classId: string) =>
    api<GradebookDto>(`/review/classes/${encodeURIComponent(classId)}/gradebook`),
};

/** The stereo WAV of a call (agent left, customer right), same permission checks as the console. */
export const recordingDownloadUrl = (callId: string): string => `/api${call(callId)}/recording`;

export const gradebookFileUrl = (classId: string, format: 'csv' | 'xlsx'): string =>
  `/api/review/classes/${encodeURIComponent(classId)}/gradebook.${format}`;
