// TTS with the espeak-ng binary (Debian package espeak-ng): voice `cmn-latn-pinyin` for zh-CN, `en-us` for
// en-US, gender by variant (+m3 / +f3), rate and pitch by -s / -p; sox converts to 16 kHz mono.
// Guarantees: text goes through stdin (never argv or a shell); a missing binary is SPEECH_ENGINE_UNAVAILABLE.
import type { SpeechLocale } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { findExecutable } from '../toolchain/find-executable.js';
import { runTool } from '../toolchain/run-tool.js';
import { decodeWavBytesTo16kMono } from '../toolchain/sox.js';
import type { TtsEngine, TtsRequest, TtsVoice } from './tts-engine.js';
import { checkTtsRequest } from './tts-input.js';

/** Options of createEspeakTts. */
export interface EspeakTtsOptions {
  /** espeak-ng binary (name on PATH or absolute path). Default 'espeak-ng'. */
  espeakPath?: string;
  /** sox binary. Default 'sox'. */
  soxPath?: string;
  /** Base voice per locale. Default zh-CN → cmn-latn-pinyin, en-US → en-us. */
  voices?: Partial<Record<SpeechLocale, string>>;
  /** Kill a synthesis that takes longer, in ms. Default 20 000. */
  timeoutMs?: number;
}

/** espeak-ng's default speed (words per minute) and pitch (0–99). */
const ESPEAK_DEFAULT_WPM = 175;
const ESPEAK_DEFAULT_PITCH = 50;
const GENDER_VARIANT = { male: '+m3', female: '+f3' } as const;

/** espeak-ng plus an availability probe for the registry. */
export interface EspeakTts extends TtsEngine {
  /** Why the engine cannot run (missing binaries), or undefined when it can. */
  problem(): string | undefined;
}

/** Creates the espeak-ng engine (name 'espeak-ng'). Nothing is spawned until first use. */
export function createEspeakTts(options: EspeakTtsOptions = {}): EspeakTts {
  const espeakPath = options.espeakPath ?? 'espeak-ng';
  const soxPath = options.soxPath ?? 'sox';
  // espeak-ng 1.51's plain `cmn` voice reads its own pinyin as English; cmn-latn-pinyin reads Hanzi correctly.
  const voices: Record<SpeechLocale, string> = {
    'zh-CN': 'cmn-latn-pinyin',
    'en-US': 'en-us',
    ...options.voices,
  };
  const timeoutMs = options.timeoutMs ?? 20_000;
  let version: Promise<string> | undefined;

  const problem = (): string | undefined => {
    if (!findExecutable(espeakPath)) return `${espeakPath} is not installed (apt-get install espeak-ng)`;
    if (!findExecutable(soxPath)) return `${soxPath} is not installed (apt-get install sox)`;
    return undefined;
  };
  const assertAvailable = () => {
    const reason = problem();
    if (reason)
      throw new SpeechError('SPEECH_ENGINE_UNAVAILABLE', reason, { details: { engine: 'espeak-ng' } });
  };
  const getVersion = () => {
    version ??= runTool(espeakPath, ['--version'], { engine: 'espeak-ng', timeoutMs })
      .then(({ stdout }) => /\b(\d+\.\d+(?:\.\d+)?)\b/.exec(stdout.toString('utf8'))?.[1] ?? 'unknown')
      .catch((error: unknown) => {
        version = undefined;
        throw error;
      });
    return version;
  };

  // Probe the version now, off the hot path: the first cache lookup should not wait for a spawn.
  if (!problem()) getVersion().catch(() => {});

  return {
    name: 'espeak-ng',
    problem,
    async identify(request) {
      assertAvailable();
      return `espeak-ng|${await getVersion()}|${espeakArgs(request, voices).join(' ')}`;
    },
    async synthesize(request) {
      checkTtsRequest(request, 'espeak-ng');
      assertAvailable();
      const { stdout: wav } = await runTool(
        espeakPath,
        [...espeakArgs(request, voices), '--stdin', '--stdout'],
        {
          stdin: request.text,
          engine: 'espeak-ng',
          timeoutMs,
        },
      );
      const samples = await decodeWavBytesTo16kMono(wav, { soxPath, engine: 'espeak-ng', timeoutMs });
      return { sampleRateHz: 16_000, samples, engine: 'espeak-ng' };
    },
  };
}

/** espeak-ng arguments for a request: voice+variant, speed, pitch, no trailing sentence pause. */
function espeakArgs(request: TtsRequest, voices: Record<SpeechLocale, string>): string[] {
  const voice: TtsVoice = request.voice ?? {};
  const variant = voice.gender ? GENDER_VARIANT[voice.gender] : '';
  const wpm = Math.round(ESPEAK_DEFAULT_WPM * (voice.rate ?? 1));
  const pitch = Math.min(99, Math.max(0, Math.round(ESPEAK_DEFAULT_PITCH * (voice.pitch ?? 1))));
  return ['-v', `${voices[request.locale]}${variant}`, '-s', String(wpm), '-p', String(pitch), '-z'];
}
