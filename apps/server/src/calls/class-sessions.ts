// Class sessions: a teacher starts calls for a whole class. While a session runs, every
// `intervalMs` each ready trainee of the class who has no call waiting gets one new call
// (a scenario drawn in turn from the session's list), routed to the class's trainees by
// the ACD. Sessions stop at their end time or when the teacher stops them.
import { randomUUID } from 'node:crypto';
import { AppError } from '@callsim/protocol';
import type { Logger } from '../logging/logger.js';
import type { CallService } from './call-service.js';
import type { ScenarioLibrary } from './scenario-library.js';

export interface ClassSessionSpec {
  classId: string;
  scenarioIds: string[];
  mode: 'practice' | 'exam';
  /** Time between call waves, ms. */
  intervalMs: number;
  durationMs: number;
}

export interface ClassSessionInfo extends ClassSessionSpec {
  id: string;
  startedByUserId: string;
  startedAtMs: number;
  endsAtMs: number;
  callsCreated: number;
}

export class ClassSessions {
  private readonly running = new Map<
    string,
    { info: ClassSessionInfo; timer: NodeJS.Timeout; next: number }
  >();

  constructor(
    private readonly calls: CallService,
    private readonly library: ScenarioLibrary,
    private readonly traineesOf: (classId: string) => Promise<string[]>,
    private readonly logger: Logger,
  ) {}

  start(spec: ClassSessionSpec, startedByUserId: string): ClassSessionInfo {
    for (const id of spec.scenarioIds) this.library.get(id);
    if (spec.scenarioIds.length === 0)
      throw new AppError('BAD_REQUEST', 'no scenarios', { details: { field: 'scenarioIds' } });
    for (const session of this.running.values())
      if (session.info.classId === spec.classId) this.stop(session.info.id);
    const nowMs = Date.now();
    const info: ClassSessionInfo = {
      ...spec,
      id: randomUUID(),
      startedByUserId,
      startedAtMs: nowMs,
      endsAtMs: nowMs + spec.durationMs,
      callsCreated: 0,
    };
    const entry = { info, next: 0, timer: setInterval(() => void this.wave(info.id), spec.intervalMs) };
    entry.timer.unref();
    this.running.set(info.id, entry);
    void this.wave(info.id);
    this.logger.info(
      { classId: spec.classId, sessionId: info.id, scenarios: spec.scenarioIds.length },
      'class session started',
    );
    return info;
  }

  stop(sessionId: string): boolean {
    const entry = this.running.get(sessionId);
    if (!entry) return false;
    clearInterval(entry.timer);
    this.running.delete(sessionId);
    this.logger.info({ sessionId, calls: entry.info.callsCreated }, 'class session stopped');
    return true;
  }

  list(classId?: string): ClassSessionInfo[] {
    return [...this.running.values()].map((e) => e.info).filter((i) => !classId || i.classId === classId);
  }

  close(): void {
    for (const id of [...this.running.keys()]) this.stop(id);
  }

  private async wave(sessionId: string): Promise<void> {
    const entry = this.running.get(sessionId);
    if (!entry) return;
    if (Date.now() >= entry.info.endsAtMs) {
      this.stop(sessionId);
      return;
    }
    const trainees = await this.traineesOf(entry.info.classId);
    const waiting = new Set(
      (await this.calls.router.queued()).filter((c) => c.classId === entry.info.classId).map((c) => c.callId),
    );
    let ready = 0;
    for (const id of trainees) if ((await this.calls.router.seat(id))?.state === 'ready') ready++;
    const toCreate = Math.max(0, ready - waiting.size);
    for (let i = 0; i < toCreate; i++) {
      const scenarioId = entry.info.scenarioIds[entry.next++ % entry.info.scenarioIds.length]!;
      await this.calls.createCall(this.library.get(scenarioId), {
        mode: entry.info.mode,
        source: 'class-session',
        targetUserId: null,
        classId: entry.info.classId,
      });
      entry.info.callsCreated++;
    }
  }
}
