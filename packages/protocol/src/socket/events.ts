// socket.io event maps shared by the softphone, `callsim agent` and the server. Each
// payload that enters the server is validated; acknowledgements carry either a result
// or an ErrorBody.
import type { ErrorBody } from '../errors/app-error.js';
import type { Role } from '../rest/accounts.js';
import type { ContestTallyDto } from '../rest/contests.js';
import type {
  AgentStatusDto,
  AgentTurnDto,
  CallConnectedDto,
  CallDialingDto,
  CallEndedDto,
  CallOfferDto,
  ChecklistTickDto,
  CustomerLineDto,
  DialOutcomeDto,
  MediaFrame,
} from './calls.js';

export interface HelloPayload {
  userId: string;
  username: string;
  role: Role;
  serverTimeMs: number;
  agent: AgentStatusDto;
  /** A call still running for this user (after a reconnect): resume it with `call:resume`. */
  activeCallId: string | null;
}

export type AckResult<T> = { ok: true; value: T } | ({ ok: false } & ErrorBody);
export type Ack<T> = (result: AckResult<T>) => void;

export interface ServerToClientEvents {
  'session:hello': (payload: HelloPayload) => void;
  'session:revoked': () => void;
  'agent:status': (payload: AgentStatusDto) => void;
  'call:offer': (payload: CallOfferDto) => void;
  'call:ring': (payload: { callId: string; ringCount: number }) => void;
  'call:offer-withdrawn': (payload: {
    callId: string;
    reason: 'ring-timeout' | 'abandoned' | 'taken';
  }) => void;
  'call:connected': (payload: CallConnectedDto) => void;
  'call:held': (payload: { callId: string; on: boolean; atMs: number }) => void;
  'call:customer-line': (payload: CustomerLineDto) => void;
  'call:agent-turn': (payload: AgentTurnDto) => void;
  'call:checklist': (payload: ChecklistTickDto) => void;
  'call:ended': (payload: CallEndedDto) => void;
  'media:caller': (payload: MediaFrame) => void;
  /**
   * Silence suppression: the customer's channel is silent from frame `seq` on, and no
   * `media:caller` frames come until it speaks again (the next one has a later `seq`). The
   * gap is silence, not loss; a player simply runs dry.
   */
  'media:caller-silence': (payload: { callId: string; seq: number }) => void;
  /** Outbound: the call the agent dialled rings (`call:ring` counts the rings). */
  'call:dialing': (payload: CallDialingDto) => void;
  /** Outbound: ringback, busy tone or the voicemail / wrong-number line, 20 ms frames before answer. */
  'call:ringback': (payload: MediaFrame) => void;
  /** Outbound: how the dial ended; `answered` is followed by `call:connected`. */
  'call:dial-outcome': (payload: DialOutcomeDto) => void;
  /** The agent's outbound worklist changed (a task was created, rescheduled or closed). */
  'outbound:worklist-changed': (payload: { reason: string }) => void;
  /** Live vote tally of a contest, sent only to its evaluators (creator, judges, class evaluators). */
  'contest:tally': (payload: ContestTallyDto) => void;
  /** A finished call has been scored (a new score version is readable under /api/results). */
  'call:scored': (payload: { callId: string; version: number; total: number; passed: boolean }) => void;
  /** An evaluator published a review of one of this trainee's calls. */
  'review:published': (payload: { callId: string; reviewId?: string }) => void;
}

export interface ClientToServerEvents {
  'session:ping': (payload: { clientTimeMs: number }, ack: Ack<{ serverTimeMs: number }>) => void;
  'agent:set-status': (payload: { state: 'offline' | 'ready' | 'break' }, ack: Ack<AgentStatusDto>) => void;
  'practice:start': (
    payload: { scenarioId: string; mode?: 'practice' | 'exam' },
    ack: Ack<{ callId: string }>,
  ) => void;
  'call:answer': (payload: { callId: string; browserAsr?: boolean }, ack: Ack<CallConnectedDto>) => void;
  'call:hangup': (payload: { callId: string }, ack: Ack<CallEndedDto>) => void;
  'call:hold': (payload: { callId: string; on: boolean }, ack: Ack<{ on: boolean }>) => void;
  'call:mute': (payload: { callId: string; on: boolean }, ack: Ack<{ on: boolean }>) => void;
  'call:dtmf': (payload: { callId: string; digit: string }, ack: Ack<null>) => void;
  'call:transcript': (payload: { callId: string; text: string; engine?: 'browser' }, ack?: Ack<null>) => void;
  'call:resume': (payload: { callId: string }, ack: Ack<CallConnectedDto>) => void;
  'media:agent': (payload: MediaFrame) => void;
  /** Silence suppression: the microphone is quiet from frame `seq` on; no `media:agent` frames until it is not. */
  'media:agent-silence': (payload: { callId: string; seq: number }) => void;
  /** Dials an outbound task; ringback follows, then `call:dial-outcome`. */
  'outbound:dial': (payload: { taskId: string; browserAsr?: boolean }, ack: Ack<{ callId: string }>) => void;
}
