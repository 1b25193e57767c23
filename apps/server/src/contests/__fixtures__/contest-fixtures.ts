// Test material for contests: real call recordings (espeak-ng speech on the agent's left
// channel, other speech on the caller's right channel) and rows that point at them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav, encodeWav } from '@callsim/audio';
import type { Kysely } from 'kysely';
import { speechWav } from '../../agent/speech-wav.js';
import { newId } from '../../storage/ids.js';
import type { Database } from '../../storage/schema.js';

/**
 * Writes a stereo 16 kHz call recording: the agent says `agentText` from 0.5 s, the caller
 * says `callerText` after the agent. Returns the file and its duration.
 */
export function makeCallRecording(
  dir: string,
  name: string,
  agentText = '您好，很高兴为您服务，请问有什么可以帮您？',
  callerText = '你好，我想问一下我的快递什么时候到。',
): { path: string; durationMs: number } {
  const agent = decodeWav(readFileSync(speechWav(agentText, 'zh-CN', { padBeforeMs: 500, padAfterMs: 300 })));
  const caller = decodeWav(readFileSync(speechWav(callerText, 'zh-CN', { padBeforeMs: 0, padAfterMs: 500 })));
  const a = agent.channels[0]!;
  const c = caller.channels[0]!;
  const left = new Float32Array(a.length + c.length);
  const right = new Float32Array(a.length + c.length);
  left.set(a, 0);
  right.set(c, a.length);
  const file = path.join(dir, `${name}.wav`);
  writeFileSync(file, encodeWav({ sampleRateHz: 16000, channels: [left, right] }));
  return { path: file, durationMs: Math.round((left.length / 16000) * 1000) };
}

/** Inserts a finished call of `agentUserId` whose recording is `recordingPath`; returns its id. */
export async function insertCall(
  db: Kysely<Database>,
  agentUserId: string,
  recordingPath: string,
  durationMs: number,
): Promise<string> {
  const id = newId();
  const nowMs = Date.now();
  await db
    .insertInto('calls')
    .values({
      id,
      scenarioId: 'zh-inbound-inquiry',
      locale: 'zh-CN',
      direction: 'inbound',
      category: 'inquiry',
      mode: 'practice',
      status: 'ended',
      source: 'practice',
      targetUserId: agentUserId,
      classId: null,
      agentUserId,
      createdAtMs: nowMs - durationMs - 5000,
      offeredAtMs: nowMs - durationMs - 4000,
      answeredAtMs: nowMs - durationMs,
      endedAtMs: nowMs,
      ringCount: 1,
      endedBy: 'agent',
      endReason: 'hangup',
      durationMs,
      recordingPath,
      timelinePath: null,
      nodeId: null,
      taskId: null,
    })
    .execute();
  return id;
}
