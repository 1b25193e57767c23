// The sherpa-onnx engine is optional: without a model directory it reports unavailable with a
// fix, and nothing breaks. Model directories are recognized from their files and names.
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../__fixtures__/speech-audio.js';
import { scanSherpaModels } from './sherpa-model-dir.js';
import { createSherpaOnnxAsr } from './sherpa-onnx-asr.js';

afterAll(removeTempDirs);

const freshModelsDir = () => makeTempDir('callsim-models-');

/** A model directory with placeholder files of the given sizes (sparse, so cheap). */
function fakeModel(modelsDir: string, name: string, files: Record<string, number>): string {
  const dir = join(modelsDir, 'sherpa-onnx', name);
  mkdirSync(dir, { recursive: true });
  for (const [file, sizeBytes] of Object.entries(files)) {
    writeFileSync(join(dir, file), '');
    truncateSync(join(dir, file), sizeBytes);
  }
  return dir;
}

describe('sherpa-onnx ASR', () => {
  it('is unavailable without a model, says how to fix it, and refuses to transcribe', async () => {
    const asr = createSherpaOnnxAsr({ modelsDir: freshModelsDir() });
    expect(asr.available()).toBe(false);
    expect(asr.supports('zh-CN')).toBe(false);
    expect(asr.problem()).toMatch(
      /no sherpa-onnx model under .*sherpa-onnx; run node scripts\/models\/fetch-models\.mjs/,
    );
    await expect(
      asr.transcribe({ samples: new Int16Array(1600), sampleRateHz: 16_000, locale: 'zh-CN' }),
    ).rejects.toMatchObject({ code: 'SPEECH_ENGINE_UNAVAILABLE', details: { engine: 'sherpa-onnx' } });
  });

  it('rejects a truncated download and says why', () => {
    const modelsDir = freshModelsDir();
    fakeModel(modelsDir, 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17', {
      'model.int8.onnx': 1000,
      'tokens.txt': 300_000,
    });
    const asr = createSherpaOnnxAsr({ modelsDir });
    expect(asr.available()).toBe(false);
    expect(asr.problem()).toMatch(/model\.int8\.onnx is truncated/);
  });

  it('recognizes SenseVoice, Paraformer and transducer layouts and their locales (without loading them)', () => {
    const modelsDir = freshModelsDir();
    const mib = 2 * 1024 * 1024;
    fakeModel(modelsDir, 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17', {
      'model.int8.onnx': mib,
      'tokens.txt': 10,
    });
    fakeModel(modelsDir, 'sherpa-onnx-paraformer-zh-2023-09-14', {
      'model.onnx': mib,
      'model.int8.onnx': mib,
      'tokens.txt': 10,
    });
    fakeModel(modelsDir, 'sherpa-onnx-zipformer-en-2023-06-26', {
      'encoder-epoch-99-avg-1.int8.onnx': mib,
      'decoder-epoch-99-avg-1.onnx': mib,
      'joiner-epoch-99-avg-1.int8.onnx': mib,
      'tokens.txt': 10,
    });
    fakeModel(modelsDir, 'no-tokens', { 'model.onnx': mib });
    const scan = scanSherpaModels(modelsDir);
    expect(scan.models.map((m) => [m.kind, m.locales])).toEqual([
      ['paraformer', ['zh-CN']],
      ['sense-voice', ['zh-CN', 'en-US']],
      ['transducer', ['en-US']],
    ]);
    expect(scan.models[0]!.files.model).toMatch(/model\.int8\.onnx$/);
    expect(scan.rejected).toEqual([{ name: 'no-tokens', reason: 'tokens.txt is missing' }]);
    const asr = createSherpaOnnxAsr({ modelsDir });
    expect(asr.modelFor('zh-CN')?.kind).toBe('sense-voice');
    expect(asr.modelFor('en-US')?.kind).toBe('sense-voice');
  });
});
