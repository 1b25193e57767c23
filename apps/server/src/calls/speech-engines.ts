// Builds this node's call engines from @callsim/speech: Silero VAD (energy-gated) per
// call with the configured endpoint silence, customer lines through the TTS disk cache
// (recorded clip when the scenario has one, else espeak-ng with the persona's voice),
// and the best server ASR per locale. Customer lines are prerendered when a call is queued.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type CustomerLine, type ResolvedScenario, renderText, scenarioVars } from '@callsim/call-script';
import { createSpeechEngines, isSpeechLocale, type SpeechLocale, type TtsRequest } from '@callsim/speech';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import type { AsrPort, LineRenderer, VadPort } from '../session/speech-ports.js';
import type { CallEngines } from './call-engines.js';

type Voice = CustomerLine['voice'];

/** A clip path as the library resolves it: beside the scenario file first, then under the library root. */
function resolveClip(scenario: ResolvedScenario, clip: string, clipsDir: string): string {
  const besideScenario = scenario.file ? path.resolve(path.dirname(scenario.file), clip) : null;
  return besideScenario && existsSync(besideScenario) ? besideScenario : path.resolve(clipsDir, clip);
}

function toRequest(
  scenario: ResolvedScenario,
  text: string,
  voice: Voice,
  clip: string | null | undefined,
  clipsDir: string,
): TtsRequest {
  const locale = (isSpeechLocale(scenario.locale) ? scenario.locale : 'zh-CN') as SpeechLocale;
  const request: TtsRequest = { text, locale };
  if (voice && Object.keys(voice).length > 0) {
    request.voice = {
      ...(voice.gender === 'male' || voice.gender === 'female' ? { gender: voice.gender } : {}),
      ...(typeof voice.rate === 'number' ? { rate: voice.rate } : {}),
      ...(typeof voice.pitch === 'number' ? { pitch: voice.pitch } : {}),
    };
  }
  if (clip) {
    request.clipPath = path.relative(clipsDir, resolveClip(scenario, clip, clipsDir));
  }
  return request;
}

export async function createCallEngines(config: Config, logger: Logger): Promise<CallEngines> {
  const clipsDir = config.callScriptsDir;
  const speech = createSpeechEngines({
    modelsDir: config.modelsDir,
    cacheDir: path.join(config.dataDir, 'tts-cache'),
    clipsDir,
    vadOptions: { endSilenceMs: config.endpointSilenceMs },
  });
  // Load Silero (and start pocketsphinx) now, so the first calls do not wait for it.
  await speech
    .warmUp({ vadInstances: 2 })
    .catch((error: unknown) => logger.warn({ err: error }, 'speech warm-up failed'));
  // Described after warm-up: that is when the batched VAD is (or is not) loaded.
  const report = speech.describe();
  logger.info({ speech: report }, 'speech engines');

  return {
    createVad(listener): VadPort {
      const vad = speech.createVadStream(listener);
      return { pushFrame: (frame, atMs) => vad.pushFrame(frame, atMs), close: () => vad.close() };
    },
    lineRenderer(scenario): LineRenderer {
      return async (line) =>
        (await speech.tts.synthesize(toRequest(scenario, line.text, line.voice, line.audio, clipsDir)))
          .samples;
    },
    async prerender(scenario) {
      const vars = scenarioVars(scenario);
      const lines: TtsRequest[] = [];
      const voice = { ...scenario.customer.voice };
      for (const turn of Object.values(scenario.dialogue.turns)) {
        lines.push(
          toRequest(
            scenario,
            renderText(turn.say, vars).text,
            { ...voice, ...turn.voice },
            turn.audio,
            clipsDir,
          ),
        );
        if (turn.onSilence)
          lines.push(
            toRequest(
              scenario,
              renderText(turn.onSilence, vars).text,
              { ...voice, ...turn.voice },
              null,
              clipsDir,
            ),
          );
      }
      lines.push(
        toRequest(scenario, renderText(scenario.dialogue.onSilence, vars).text, voice, null, clipsDir),
      );
      if (scenario.dialogue.silenceHangup)
        lines.push(
          toRequest(
            scenario,
            renderText(scenario.dialogue.silenceHangup.say, vars).text,
            voice,
            null,
            clipsDir,
          ),
        );
      const result = await speech.tts.prerender(lines);
      logger.debug({ scenarioId: scenario.id, result }, 'customer lines prerendered');
    },
    asrFor(locale): AsrPort | null {
      if (!isSpeechLocale(locale)) return null;
      const engine = speech.asrFor(locale);
      if (engine.name === 'none' || engine.name === 'browser') return null;
      return {
        name: engine.name,
        transcribe: async (samples) => {
          const result = await engine.transcribe({ samples, sampleRateHz: 16_000, locale });
          return { text: result.text, engine: result.engine };
        },
      };
    },
    async synthesize(text, locale, voice) {
      const request: TtsRequest = {
        text,
        locale: isSpeechLocale(locale) ? locale : 'zh-CN',
        ...(voice ? { voice } : {}),
      };
      return (await speech.tts.synthesize(request)).samples;
    },
    describe: () => report as unknown as Record<string, unknown>,
    vadStats: () => {
      const stats = speech.vadBatchStats();
      return stats ? { ...stats } : null;
    },
    close: () => speech.close(),
  };
}
