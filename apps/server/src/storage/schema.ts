// Table types for Kysely (camelCase in code; snake_case in SQL through CamelCasePlugin).
// Times are integer milliseconds since the epoch; booleans are 0/1 integers so the same
// migrations run on SQLite and PostgreSQL.
export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: 'trainee' | 'evaluator' | 'admin';
  disabled: number;
  locale: string | null;
  createdAtMs: number;
}

export interface ClassesTable {
  id: string;
  name: string;
  description: string;
  createdAtMs: number;
}

export interface ClassMembersTable {
  classId: string;
  userId: string;
  roleInClass: 'trainee' | 'evaluator';
  addedAtMs: number;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a database leak does not leak live sessions. */
  id: string;
  userId: string;
  createdAtMs: number;
  expiresAtMs: number;
  lastSeenAtMs: number;
  revokedAtMs: number | null;
  userAgent: string;
}

export interface AuditLogTable {
  /** Time-ordered id (see ids.ts): sorting by id sorts by time. */
  id: string;
  atMs: number;
  actorUserId: string | null;
  action: string;
  target: string;
  details: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CallsTable {
  id: string;
  scenarioId: string;
  locale: string;
  direction: 'inbound' | 'outbound';
  category: string;
  mode: 'practice' | 'exam';
  /** queued → ringing → active → ended, or → abandoned. */
  status: 'queued' | 'ringing' | 'active' | 'ended' | 'abandoned';
  /** Where the call came from: practice (trainee asked), class-session, follow-up, campaign. */
  source: string;
  targetUserId: string | null;
  classId: string | null;
  agentUserId: string | null;
  createdAtMs: number;
  offeredAtMs: number | null;
  answeredAtMs: number | null;
  endedAtMs: number | null;
  ringCount: number;
  endedBy: 'agent' | 'customer' | 'system' | null;
  endReason: string | null;
  durationMs: number | null;
  recordingPath: string | null;
  timelinePath: string | null;
  nodeId: string | null;
  taskId: string | null;
}

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  idempotencyKey: string;
  /** pending → running → done | failed (after maxAttempts). */
  status: 'pending' | 'running' | 'done' | 'failed';
  runAtMs: number;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntilMs: number | null;
  lastError: string | null;
  createdAtMs: number;
  finishedAtMs: number | null;
}

/** One version of a call's score (migration 004); the highest version is the current one. */
export interface CallScoresTable {
  id: string;
  callId: string;
  /** 1 for the automatic score at hang-up; each re-score adds one. */
  version: number;
  agentUserId: string;
  scenarioId: string;
  /** Composite 0–100 (one decimal). */
  total: number;
  passed: number;
  failed: number;
  /** Dimension scores 0–100; null when the dimension could not be measured. */
  scriptScore: number | null;
  speedScore: number | null;
  toneScore: number | null;
  courtesyScore: number | null;
  /** Why this version exists ('call-finished', 'transcript-corrected'…). */
  reason: string | null;
  /** Who asked for a re-score; null for the automatic score. */
  actorUserId: string | null;
  transcriptSource: 'timeline' | 'override';
  /** JSON: CallScore of @callsim/scoring. */
  scoreJson: string;
  /** JSON: the transcript scored ({ locale, segments }). */
  transcriptJson: string;
  /** JSON: compact contours for charts (CallContoursDto without callId/version); null without audio. */
  contoursJson: string | null;
  createdAtMs: number;
}

/** A "best voice agent" contest (migration 008). Phase follows from the windows and closedAtMs. */
export interface ContestsTable {
  id: string;
  title: string;
  createdByUserId: string;
  nominationOpensAtMs: number;
  nominationClosesAtMs: number;
  votingOpensAtMs: number;
  votingClosesAtMs: number;
  /** Set when an evaluator closed the contest early. */
  closedAtMs: number | null;
  votesPerVoter: number;
  /** Share of the judges' score in the ranking, 0–100 %. */
  judgeWeightPct: number;
  /** JSON: ContestCriterion[]. */
  rubric: string;
  /** Secret for the per-voter stable shuffle (never sent to clients). */
  shuffleSecret: string;
  /** Counts ballot changes; every vote transaction updates this row, which serializes them. */
  ballotChanges: number;
  createdAtMs: number;
}

export interface ContestClassesTable {
  contestId: string;
  classId: string;
}

export interface ContestJudgesTable {
  contestId: string;
  userId: string;
}

export interface ContestEntriesTable {
  id: string;
  contestId: string;
  /** Opaque random key voters see instead of ids. */
  blindKey: string;
  /** Neutral label ("K7"), unique in the contest. */
  label: string;
  nomineeUserId: string;
  nominatedByUserId: string;
  callId: string;
  startMs: number;
  endMs: number;
  /** The excerpt's agent channel as a mono WAV. */
  audioPath: string;
  /** JSON: VoiceMeasuresDto. */
  measures: string;
  createdAtMs: number;
}

export interface ContestListensTable {
  entryId: string;
  userId: string;
  startedAtMs: number;
}

export interface ContestPlaysTable {
  entryId: string;
  userId: string;
  playedAtMs: number;
}

export interface ContestBallotsTable {
  id: string;
  contestId: string;
  voterUserId: string;
  changeCount: number;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ContestVotesTable {
  contestId: string;
  voterUserId: string;
  entryId: string;
  nomineeUserId: string;
  /** 1..votesPerVoter, unique per voter. */
  slot: number;
  votesPerVoter: number;
  castAtMs: number;
}

export interface ContestScoresTable {
  entryId: string;
  judgeUserId: string;
  contestId: string;
  /** JSON: { criterionId: points }. */
  points: string;
  totalPoints: number;
  comment: string;
  updatedAtMs: number;
}

/** A class's own rubric of one kind (migration 007); without one the built-in default applies. */
export interface RubricsTable {
  id: string;
  classId: string;
  kind: 'inbound' | 'outbound' | 'contest';
  /** JSON: RubricItemDto[]. */
  items: string;
  /** JSON: RubricDeductionDto[]. */
  deductions: string;
  passPct: number;
  updatedByUserId: string | null;
  updatedAtMs: number;
}

/** One evaluator's review of one call (migration 007): draft until published to the trainee. */
export interface ReviewsTable {
  id: string;
  callId: string;
  evaluatorUserId: string;
  rubricKind: 'inbound' | 'outbound' | 'contest';
  /** JSON: the RubricDto used (a snapshot, so later rubric edits leave old reviews intact). */
  rubric: string;
  /** JSON: { itemId: points | null }. */
  itemScores: string;
  /** JSON: { deductionId: count }. */
  deductionCounts: string;
  totalPoints: number;
  maxPoints: number;
  /** totalPoints / maxPoints, percent. */
  totalPct: number;
  grade: 'excellent' | 'good' | 'pass' | 'fail' | null;
  /** 0/1; null while no grade is given. */
  passed: number | null;
  summary: string;
  status: 'draft' | 'published';
  createdAtMs: number;
  updatedAtMs: number;
  publishedAtMs: number | null;
}

/** A timestamped comment of a review (migration 007). */
export interface ReviewCommentsTable {
  id: string;
  reviewId: string;
  callId: string;
  authorUserId: string;
  /** ms from answer; null = about the whole call. */
  atMs: number | null;
  text: string;
  createdAtMs: number;
}

/** An evaluator's correction of one transcript line (migration 007); the line's history. */
export interface TranscriptCorrectionsTable {
  id: string;
  callId: string;
  segmentIndex: number;
  beforeText: string;
  afterText: string;
  authorUserId: string;
  /** The call_scores version computed from the corrected transcript. */
  scoreVersion: number | null;
  createdAtMs: number;
}

/** "Your call was reviewed" for a trainee (migration 007). */
export interface ReviewNotificationsTable {
  id: string;
  userId: string;
  callId: string;
  reviewId: string;
  createdAtMs: number;
  readAtMs: number | null;
}

/** The current transcript of a call, searchable (migration 007). */
export interface CallTranscriptsTable {
  callId: string;
  locale: string;
  /** JSON: TranscriptSegmentDto[] (current text, with the recognised text of corrected lines). */
  segments: string;
  /** NFKC-normalized, lower-cased text of all lines (LIKE fallback for one-character queries). */
  searchText: string;
  /** Space-separated search terms (CJK bigrams, words): FTS5 on SQLite, to_tsvector on PostgreSQL. */
  searchGrams: string;
  corrected: number;
  updatedAtMs: number;
}

/** Drill settings of a class (migration 006); without a row the defaults apply. */
export interface DrillClassSettingsTable {
  classId: string;
  /** JSON: { locale, templateId, targetCharsPerMin, targetAccuracy, replayLimit, defaultSpeed }. */
  settings: string;
  updatedByUserId: string | null;
  updatedAtMs: number;
}

/** A trainee's drill preferences (migration 006). */
export interface DrillPreferencesTable {
  userId: string;
  /** 1 = show my name on the class leaderboard; 0 = appear anonymised. */
  showOnLeaderboard: number;
  updatedAtMs: number;
}

/** One listen-and-type attempt (migration 006): started, then submitted with its numbers. */
export interface TypingAttemptsTable {
  id: string;
  userId: string;
  classId: string | null;
  materialId: string;
  mode: 'full' | 'key-fields';
  scenarioId: string;
  scenarioTitle: string;
  locale: string;
  /** JSON: { text } or { fields: [{ id, text, compact }] }. */
  reference: string;
  /** Playback speed × 100 (60–100). */
  speedPct: number;
  /** Plays allowed; 0 = no limit. */
  replayLimit: number;
  playCount: number;
  targetCharsPerMin: number;
  targetAccuracy: number;
  startedAtMs: number;
  firstPlayAtMs: number | null;
  submittedAtMs: number | null;
  /** JSON of what was typed; null until submitted. */
  typed: string | null;
  elapsedMs: number | null;
  referenceChars: number | null;
  typedChars: number | null;
  substitutions: number | null;
  deletions: number | null;
  insertions: number | null;
  cer: number | null;
  accuracy: number | null;
  charsPerMin: number | null;
  netCharsPerMin: number | null;
  passed: number | null;
  /** JSON: alignment runs and, in key-field mode, per-field results. */
  diff: string | null;
}

/** One voice warm-up reading with its measures (migration 006). */
export interface WarmupReadingsTable {
  id: string;
  userId: string;
  classId: string | null;
  templateId: string;
  sentenceId: 'greeting' | 'closing';
  style: 'neutral' | 'smiling';
  locale: string;
  text: string;
  recordingPath: string | null;
  durationMs: number;
  voicedMs: number;
  speechUnits: number;
  ratePerMin: number;
  pitchSdSemitones: number;
  f0MedianHz: number;
  levelDb: number;
  longestPauseMs: number;
  pauseCount: number;
  /** JSON: WarmupMeasuresDto. */
  measures: string;
  createdAtMs: number;
}

/** A class's simulated clock (migration 005): sim = baseSim + (real − baseReal) × speed. */
export interface OutboundClocksTable {
  /** The class id, or '*' for trainees outside any class. */
  classKey: string;
  baseRealMs: number;
  baseSimMs: number;
  /** Simulated ms per real ms; 0 = paused. */
  speedFactor: number;
  timezone: string;
  updatedAtMs: number;
  updatedByUserId: string | null;
}

/** An outbound campaign (migration 005): scenarios × customers × trainees in a window. */
export interface OutboundCampaignsTable {
  id: string;
  classId: string;
  name: string;
  /** JSON: string[]. */
  scenarioIds: string;
  /** JSON: string[]. */
  traineeUserIds: string;
  windowStartSimMs: number;
  windowEndSimMs: number;
  quotaPerTrainee: number;
  maxAttempts: number;
  retryBackoffMs: number;
  /** JSON: OccasionBody, or null. */
  occasion: string | null;
  /** JSON: DialMix, or null (the scenario's dial block decides). */
  dialMix: string | null;
  defaultTimezone: string;
  status: 'draft' | 'active' | 'closed';
  /** JSON: CampaignSummaryDto once tasks were created. */
  summary: string | null;
  createdByUserId: string;
  createdAtMs: number;
  startedAtMs: number | null;
}

/** One customer of a campaign's list (migration 005). */
export interface OutboundCustomersTable {
  id: string;
  campaignId: string;
  name: string;
  phone: string;
  /** The phone with spaces and dashes removed: the do-not-call key. */
  phoneKey: string;
  timezone: string;
  /** MM-DD or null. */
  birthday: string | null;
  /** JSON: Record<string, string>. */
  facts: string;
  source: 'csv' | 'generated';
  /** Order in the list (assignment order). */
  position: number;
  createdAtMs: number;
}

export interface OutboundDoNotCallTable {
  phoneKey: string;
  phone: string;
  reason: string;
  source: 'manual' | 'disposition';
  addedByUserId: string | null;
  addedAtMs: number;
}

/** One outbound call to make (migration 005); see OUTBOUND_TASK_STATUSES for the lifecycle. */
export interface OutboundTasksTable {
  id: string;
  /** Unique: `follow-up:<callId>` or `campaign:<campaignId>:<customerId>`. */
  originKey: string;
  kind: 'follow-up' | 'campaign';
  classId: string | null;
  traineeUserId: string;
  scenarioId: string;
  campaignId: string | null;
  customerId: string | null;
  /** JSON: OutboundCustomerDto snapshot (the card the trainee sees). */
  customer: string;
  phoneKey: string;
  /** JSON: OccasionDto, or null. */
  occasion: string | null;
  originCallId: string | null;
  dueSimMs: number;
  windowEndSimMs: number | null;
  status: 'pending' | 'dialing' | 'in-call' | 'wrap-up' | 'done' | 'failed' | 'cancelled' | 'expired';
  attempts: number;
  maxAttempts: number;
  retryBackoffMs: number;
  /** JSON: DialMix, or null. */
  dialMix: string | null;
  lastOutcome: 'answered' | 'busy' | 'no-answer' | 'voicemail' | 'wrong-person' | null;
  lastCallId: string | null;
  disposition: 'success' | 'refused' | 'callback' | 'do-not-call' | null;
  dispositionNote: string | null;
  callbackAtSimMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
  closedAtMs: number | null;
}

/** One dial of a task (migration 005): the call row is in `calls` with the same id. */
export interface OutboundAttemptsTable {
  id: string;
  taskId: string;
  callId: string;
  attemptNo: number;
  outcome: 'answered' | 'busy' | 'no-answer' | 'voicemail' | 'wrong-person' | 'cancelled';
  dialedSimMs: number;
  createdAtMs: number;
}

export interface Database {
  jobs: JobsTable;
  calls: CallsTable;
  users: UsersTable;
  classes: ClassesTable;
  classMembers: ClassMembersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
  outboundClocks: OutboundClocksTable;
  outboundCampaigns: OutboundCampaignsTable;
  outboundCustomers: OutboundCustomersTable;
  outboundDoNotCall: OutboundDoNotCallTable;
  outboundTasks: OutboundTasksTable;
  outboundAttempts: OutboundAttemptsTable;
  contests: ContestsTable;
  contestClasses: ContestClassesTable;
  contestJudges: ContestJudgesTable;
  contestEntries: ContestEntriesTable;
  contestListens: ContestListensTable;
  contestPlays: ContestPlaysTable;
  contestBallots: ContestBallotsTable;
  contestVotes: ContestVotesTable;
  contestScores: ContestScoresTable;
  callScores: CallScoresTable;
  rubrics: RubricsTable;
  reviews: ReviewsTable;
  reviewComments: ReviewCommentsTable;
  transcriptCorrections: TranscriptCorrectionsTable;
  reviewNotifications: ReviewNotificationsTable;
  callTranscripts: CallTranscriptsTable;
  drillClassSettings: DrillClassSettingsTable;
  drillPreferences: DrillPreferencesTable;
  typingAttempts: TypingAttemptsTable;
  warmupReadings: WarmupReadingsTable;
}
