// `callsim analyze <wav> [--json]`: per-channel pace, pitch, loudness and pauses of a recording.
// Guarantees: --json prints exactly { durationMs, channels: [{ index, voicedMs, f0, intensity,
// syllableRatePerSec, articulationRatePerSec, pauses }] }; exit 0 ok, 1 unreadable or non-WAV file, 2 usage.
// Imports only node:fs/path and the two pure audio packages, so the process starts fast.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeRecording, type RecordingAnalysis } from '@callsim/analysis';
import { AudioError, decodeWav } from '@callsim/audio';

/** Where the command prints and which folder relative paths are resolved against. */
export interface AnalyzeCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

/** One channel of the `--json` output (the CLI contract in ARCHITECTURE.md). */
export interface AnalyzeChannelJson {
  index: number;
  voicedMs: number;
  f0: { medianHz: number; p10Hz: number; p90Hz: number; sdSemitones: number };
  intensity: { meanDb: number; sdDb: number };
  syllableRatePerSec: number;
  articulationRatePerSec: number;
  pauses: { count: number; longestMs: number };
}

/** The `--json` output. */
export interface AnalyzeJson {
  durationMs: number;
  channels: AnalyzeChannelJson[];
}

const USAGE = `Usage: callsim analyze <wav> [--json]

Measures each channel of a WAV file (channel 0 = agent, 1 = caller in callsim recordings):
  voiced        phonation time (speech without pauses)
  F0            median, 10th–90th percentile (Hz) and spread (semitones) over voiced frames
  intensity     mean and spread in dB (full scale = 1 Pa, as Praat with a ±1 scale)
  syl/s         syllable nuclei per second of the whole file; artic/s excludes pauses (≥ 250 ms)
  pauses        pauses between speech and the longest one

Options:
  --json        print JSON: { durationMs, channels: [ { index, voicedMs, f0, intensity,
                syllableRatePerSec, articulationRatePerSec, pauses } ] }
  -h, --help    show this help

Exit codes: 0 ok, 1 unreadable or not a WAV file, 2 usage error.`;

/** Runs `callsim analyze`; returns the exit code. */
export async function runAnalyzeCommand(args: string[], io: AnalyzeCommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length !== 1) {
    const problem =
      unknown.length > 0
        ? `unknown option ${unknown[0]}`
        : files.length === 0
          ? 'missing <wav>'
          : 'give one WAV file';
    io.err(`callsim analyze: ${problem}\n\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(io.cwd, files[0]!);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    io.err(`callsim analyze: cannot read ${files[0]}: ${reason}`);
    return 1;
  }
  let decoded: ReturnType<typeof decodeWav>;
  try {
    decoded = decodeWav(bytes);
  } catch (error) {
    if (error instanceof AudioError) {
      io.err(`callsim analyze: ${files[0]} is not a readable WAV file (${error.code}: ${error.message})`);
      return 1;
    }
    throw error;
  }
  const analysis = analyzeRecording(decoded);
  const json = toJson(analysis);
  if (args.includes('--json')) io.out(JSON.stringify(json, null, 2));
  else io.out(renderTable(files[0]!, decoded.sampleRateHz, json));
  return 0;
}

const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** Keeps exactly the contract fields, rounded to meaningful precision. */
export function toJson(analysis: RecordingAnalysis): AnalyzeJson {
  return {
    durationMs: analysis.durationMs,
    channels: analysis.channels.map((c) => ({
      index: c.index,
      voicedMs: Math.round(c.voicedMs),
      f0: {
        medianHz: round(c.f0.medianHz, 1),
        p10Hz: round(c.f0.p10Hz, 1),
        p90Hz: round(c.f0.p90Hz, 1),
        sdSemitones: round(c.f0.sdSemitones, 2),
      },
      intensity: { meanDb: round(c.intensity.meanDb, 1), sdDb: round(c.intensity.sdDb, 1) },
      syllableRatePerSec: round(c.syllableRatePerSec, 2),
      articulationRatePerSec: round(c.articulationRatePerSec, 2),
      pauses: { count: c.pauses.count, longestMs: Math.round(c.pauses.longestMs) },
    })),
  };
}

const CHANNEL_NAMES = ['agent (L)', 'caller (R)'];

function renderTable(file: string, sampleRateHz: number, json: AnalyzeJson): string {
  const header = [
    'channel',
    'voiced',
    'F0 median',
    'F0 p10–p90',
    'F0 sd',
    'intensity',
    'syl/s',
    'artic/s',
    'pauses',
    'longest',
  ];
  const rows = json.channels.map((c) => {
    const name = json.channels.length === 2 ? `${c.index} ${CHANNEL_NAMES[c.index]}` : String(c.index);
    const voiced = c.f0.medianHz > 0;
    return [
      name,
      `${(c.voicedMs / 1000).toFixed(1)} s`,
      voiced ? `${c.f0.medianHz.toFixed(0)} Hz` : '–',
      voiced ? `${c.f0.p10Hz.toFixed(0)}–${c.f0.p90Hz.toFixed(0)} Hz` : '–',
      voiced ? `${c.f0.sdSemitones.toFixed(1)} st` : '–',
      `${c.intensity.meanDb.toFixed(1)} ± ${c.intensity.sdDb.toFixed(1)} dB`,
      c.syllableRatePerSec.toFixed(2),
      c.articulationRatePerSec.toFixed(2),
      String(c.pauses.count),
      `${c.pauses.longestMs} ms`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const title = `${file}: ${(json.durationMs / 1000).toFixed(2)} s, ${sampleRateHz} Hz, ${json.channels.length} channel(s)`;
  return [title, '', line(header), ...rows.map(line)].join('\n');
}
