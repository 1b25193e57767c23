// TTS with the espeak-ng binary (Debian package espeak-ng): voice `cmn-latn-pinyin` for zh-CN, `en-us` for
// en-US, gender by variant (+m3 / +f3), rate and pitch by -s / -p. espeak-ng runs on the audio tool
// thread, which also converts its WAV (22.05 kHz) to 16 kHz mono: a line costs the event loop one
// message each way, whatever its length.
// Guarantees: text goes through stdin (never argv or a shell); a missing binary is SPEECH_ENGINE_UNAVAILABLE.
import { PCM_SAMPLE_RATE_HZ, type SpeechLocale } from '../pcm-format.js';
import { SpeechError } from '../speech-error.js';
import { findExecutable } from '../toolchain/find-executable.js';
import { runTool } from '../toolchain/run-tool.js';
import { sharedToolThread, type ToolThread } from '../toolchain/tool-thread.js';
import type { TtsEngine, TtsRequest, TtsVoice } from './tts-engine.js';
import { checkTtsRequest } from './tts-input.js';

/** Options of createEspeakTts. */
export interface EspeakTtsOptions {
  /** espeak-ng binary (name on PATH or absolute path). Default 'espeak-ng'. */
  espeakPath?: string;
  /** Base voice per locale. Default zh-CN → cmn-latn-pinyin, en-US → en-us. */
  voices?: Partial<Record<SpeechLocale, string>>;
  /** Kill a synthesis that takes longer, in ms. Default 20 000. */
  timeoutMs?: number;
  /** The thread that runs espeak-ng. Default: the process's shared audio tool thread. */
  thread?: ToolThread;
}

/** espeak-ng's default speed (words per minute) and pitch (0–99). */
const ESPEAK_DEFAULT_WPM = 175;
const ESPEAK_DEFAULT_PITCH = 50;
const GENDER_VARIANT = { male: '+m3', female: '+f3' } as const;

/** espeak-ng plus an availability probe for the registry. */
export interface EspeakTts extends TtsEngine {
  /** Why the engine cannot run (missing binary), or undefined when it can. */
  problem(): string | undefined;
}

/** Creates the espeak-ng engine (name 'espeak-ng'). Nothing is spawned until first use. */
export function createEspeakTts(options: EspeakTtsOptions = {}): EspeakTts {
  const espeakPath = options.espeakPath ?? 'espeak-ng';
  // espeak-ng 1.51's plain `cmn` voice reads its own pinyin as English; cmn-latn-pinyin reads Hanzi correctly.
  const voices: Record<SpeechLocale, string> = {
    'zh-CN': 'cmn-latn-pinyin',
    'en-US': 'en-us',
    ...options.voices,
  };
  const timeoutMs = options.timeoutMs ?? 20_000;
  const thread = options.thread ?? sharedToolThread();
  let version: Promise<string> | undefined;
  // Once found, the binary is not looked up again: identify() runs on every cache hit, which must
  // cost no file-system call. Should it vanish later, the spawn reports SPEECH_ENGINE_UNAVAILABLE.
  let found = false;

  const problem = (): string | undefined => {
    if (!findExecutable(espeakPath)) return `${espeakPath} is not installed (apt-get install espeak-ng)`;
    return undefined;
  };
  const assertAvailable = () => {
    if (found) return;
    const reason = problem();
    if (reason)
      throw new SpeechError('SPEECH_ENGINE_UNAVAILABLE', reason, { details: { engine: 'espeak-ng' } });
    found = true;
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
      const samples = await thread.run({
        command: espeakPath,
        args: [...espeakArgs(request, voices), '--stdin', '--stdout'],
        stdin: request.text,
        stdout: 'wav',
        engine: 'espeak-ng',
        timeoutMs,
      });
      return { sampleRateHz: PCM_SAMPLE_RATE_HZ, samples, engine: 'espeak-ng' };
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
