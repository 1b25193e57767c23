// The call timeline written next to each recording (contract in ARCHITECTURE.md):
// `{ callId, scenarioId, locale, segments, events }`, all times in ms from answer
// (ring events before answer are negative). `segments` use the transcript shape.

export interface TimelineSegment {
  speaker: 'agent' | 'caller';
  startMs: number;
  endMs: number;
  text: string;
  /** Which engine produced the text: 'browser', 'pocketsphinx', 'sherpa-onnx', 'script' (caller lines), 'none'. */
  engine: string;
  /** Caller lines: the scenario turn; agent turns: whether the agent talked over the customer. */
  turnId?: string | null;
  interruption?: boolean;
}

export type TimelineEventType =
  | 'ring'
  | 'answer'
  | 'hold-start'
  | 'hold-end'
  | 'mute-start'
  | 'mute-end'
  | 'dtmf'
  | 'interruption'
  | 'silence-prompt'
  | 'customer-line-cut'
  | 'media-gap'
  | 'reconnect'
  | 'hangup';

export interface TimelineEvent {
  type: TimelineEventType;
  atMs: number;
  /** Event-specific facts: ring count, who hung up, the digit, the gap length… */
  [key: string]: unknown;
}

export interface CallTimeline {
  callId: string;
  scenarioId: string;
  locale: string;
  direction: 'inbound' | 'outbound';
  mode: 'practice' | 'exam';
  agentUserId: string;
  sampleRateHz: number;
  /** Wall-clock time of answer, ms since epoch. */
  answeredAtMs: number;
  durationMs: number;
  endedBy: 'agent' | 'customer' | 'system' | null;
  /** True when this timeline was rebuilt after a crash. */
  recovered: boolean;
  segments: TimelineSegment[];
  events: TimelineEvent[];
}

/** Lines of the append-only journal (`<callId>.journal.jsonl`) from which a timeline is rebuilt. */
export type JournalLine =
  | { kind: 'meta'; meta: Omit<CallTimeline, 'segments' | 'events' | 'durationMs' | 'endedBy' | 'recovered'> }
  | { kind: 'event'; event: TimelineEvent }
  | { kind: 'segment'; segment: TimelineSegment };
