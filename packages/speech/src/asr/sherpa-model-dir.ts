// Finds offline sherpa-onnx ASR models under `<modelsDir>/sherpa-onnx/<name>/` and works out
// what each is (SenseVoice, Paraformer or transducer) and which locales it serves.
// Guarantees: only reads the directory listing and file sizes; never loads a model.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSpeechLocale, type SpeechLocale } from '../pcm-format.js';

/** Model families the sherpa-onnx engine can drive. */
export type SherpaModelKind = 'sense-voice' | 'paraformer' | 'transducer';

/** A usable model directory. */
export interface SherpaModel {
  name: string;
  dir: string;
  kind: SherpaModelKind;
  locales: SpeechLocale[];
  tokens: string;
  /** The .onnx files, by role ('model' or 'encoder' / 'decoder' / 'joiner'). */
  files: Record<string, string>;
}

/** Everything found under the models directory. */
export interface SherpaModelScan {
  /** `<modelsDir>/sherpa-onnx`. */
  root: string;
  models: SherpaModel[];
  /** Directories that look like models but are not usable, with the reason. */
  rejected: { name: string; reason: string }[];
}

/** Optional manifest written by scripts/models/fetch-models.mjs beside the model files. */
export const SHERPA_MANIFEST_FILE = 'callsim-model.json';

/** Model files smaller than this are truncated downloads, in bytes. */
const MIN_ONNX_BYTES = 1024 * 1024;

/** Scans `<modelsDir>/sherpa-onnx/`. A missing directory is an empty scan, not an error. */
export function scanSherpaModels(modelsDir: string): SherpaModelScan {
  const root = join(modelsDir, 'sherpa-onnx');
  const scan: SherpaModelScan = { root, models: [], rejected: [] };
  if (!existsSync(root)) return scan;
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const result = inspect(name, dir);
    if ('reason' in result) scan.rejected.push({ name, reason: result.reason });
    else scan.models.push(result);
  }
  return scan;
}

function inspect(name: string, dir: string): SherpaModel | { reason: string } {
  const files = readdirSync(dir);
  const tokens = join(dir, 'tokens.txt');
  if (!files.includes('tokens.txt')) return { reason: 'tokens.txt is missing' };
  const manifest = readManifest(dir);
  const pick = (role: string) => {
    const candidates = files.filter((f) => f.endsWith('.onnx') && f.startsWith(role));
    return candidates.find((f) => f.includes('int8')) ?? candidates[0];
  };

  let kind: SherpaModelKind;
  let roles: Record<string, string | undefined>;
  if (pick('encoder') && pick('decoder') && pick('joiner')) {
    kind = 'transducer';
    roles = { encoder: pick('encoder'), decoder: pick('decoder'), joiner: pick('joiner') };
  } else if (pick('model')) {
    kind =
      manifest?.kind ??
      (/sense-?voice/i.test(name) ? 'sense-voice' : /paraformer/i.test(name) ? 'paraformer' : 'sense-voice');
    roles = { model: pick('model') };
  } else {
    return { reason: 'no model*.onnx or encoder/decoder/joiner .onnx files' };
  }
  if (manifest?.kind && manifest.kind !== kind && kind === 'transducer')
    return { reason: `manifest says ${manifest.kind}, files say transducer` };

  const paths: Record<string, string> = {};
  for (const [role, file] of Object.entries(roles)) {
    if (!file) return { reason: `${role} .onnx file is missing` };
    const path = join(dir, file);
    if (statSync(path).size < MIN_ONNX_BYTES) return { reason: `${file} is truncated (under 1 MiB)` };
    paths[role] = path;
  }
  const locales = manifest?.locales ?? localesFromName(name, kind);
  if (locales.length === 0)
    return { reason: 'cannot tell its language; add callsim-model.json with "locales"' };
  return { name, dir, kind, locales, tokens, files: paths };
}

function readManifest(dir: string): { kind?: SherpaModelKind; locales?: SpeechLocale[] } | undefined {
  const path = join(dir, SHERPA_MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { kind?: unknown; locales?: unknown };
    const kind =
      raw.kind === 'sense-voice' || raw.kind === 'paraformer' || raw.kind === 'transducer'
        ? raw.kind
        : undefined;
    const locales = Array.isArray(raw.locales) ? raw.locales.filter(isSpeechLocale) : undefined;
    return { kind, locales };
  } catch {
    return undefined;
  }
}

/** Release names say their languages: `…-zh-en-…`, `…-bilingual-zh-en…`, `…-en-2023…`. */
function localesFromName(name: string, kind: SherpaModelKind): SpeechLocale[] {
  const parts = name.toLowerCase().split(/[-_.]/);
  const locales: SpeechLocale[] = [];
  if (
    parts.includes('zh') ||
    parts.includes('bilingual') ||
    (kind === 'sense-voice' && !parts.includes('en'))
  )
    locales.push('zh-CN');
  if (parts.includes('en') || parts.includes('bilingual')) locales.push('en-US');
  return locales;
}
