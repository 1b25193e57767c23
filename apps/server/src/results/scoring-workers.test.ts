// The scoring pool runs in real worker threads and gives exactly what the main thread gives:
// channel analysis for both channels of a call at once, and scoreCall; idle threads exit; on
// Linux the threads run at nice 19 so live calls keep the CPU first.
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { decodeWav } from '@callsim/audio';
import { scoreCall } from '@callsim/scoring';
import { afterAll, describe, expect, it } from 'vitest';
import { speechWav } from '../agent/speech-wav.js';
import { SCENARIO_ID, TRANSCRIPT, testLibrary } from './__fixtures__/stored-calls.js';
import { analyzeCallAudio, analyzeInline } from './call-audio-analysis.js';
import { ScoringWorkers } from './scoring-workers.js';

const pool = new ScoringWorkers({ size: 2, idleMs: 300 });
afterAll(() => pool.close());

describe('scoring workers', () => {
  it('analyze two channels in parallel threads exactly like inline analysis', async () => {
    const a = decodeWav(new Uint8Array(readFileSync(speechWav('您好，很高兴为您服务。', 'zh-CN'))))
      .channels[0]!;
    const b = decodeWav(new Uint8Array(readFileSync(speechWav('Thank you for calling.', 'en-US'))))
      .channels[0]!;
    const [fromWorkerA, fromWorkerB] = await Promise.all([pool.analyze(a, 16000), pool.analyze(b, 16000)]);
    expect(pool.threadCount).toBe(2);
    expect(fromWorkerA).toEqual(await analyzeInline(a, 16000));
    expect(fromWorkerA.contours?.pitchHz).toBeInstanceOf(Float32Array);
    expect(fromWorkerA.syllableCount).toBeGreaterThan(3);
    expect(fromWorkerB.syllableCount).toBe((await analyzeInline(b, 16000)).syllableCount);
    await expect.poll(() => pool.threadCount, { timeout: 5000 }).toBe(0);
  });

  it.runIf(process.platform === 'linux')(
    'run at nice 19 while the main thread keeps its priority',
    async () => {
      const threadIds = () => new Set(readdirSync('/proc/self/task'));
      const before = threadIds();
      const idlePool = new ScoringWorkers({ size: 2, idleMs: 10_000 });
      const samples = new Float32Array(16_000);
      await Promise.all([idlePool.analyze(samples, 16000), idlePool.analyze(samples, 16000)]);
      expect(idlePool.threadCount).toBe(2);
      const newThreadsAtNice19 = [...threadIds()].filter(
        (tid) => !before.has(tid) && getPriority(Number(tid)) === 19,
      );
      expect(newThreadsAtNice19).toHaveLength(2);
      expect(getPriority(process.pid)).toBe(0);
      await idlePool.close();
    },
  );

  it('score a call exactly like scoreCall on the main thread', async () => {
    const wav = readFileSync(speechWav('非常抱歉给您带来不便。', 'zh-CN'));
    const audio = await analyzeCallAudio(new Uint8Array(wav), pool.analyze);
    expect(audio).toEqual(await analyzeCallAudio(new Uint8Array(wav)));
    const input = {
      script: (await testLibrary()).get(SCENARIO_ID),
      transcript: TRANSCRIPT,
      analysis: { agent: audio.agent! },
    };
    const inWorker = await pool.score(input);
    expect(inWorker).toEqual(scoreCall(input));
    expect(inWorker.dimensions.tone.score).not.toBeNull();
  });
});
