#!/usr/bin/env node
// Optional: downloads the sherpa-onnx speech-recognition model callsim uses for zh-CN and en-US
// into models/sherpa-onnx/<name>/, checks its sha-256, unpacks it, verifies the files and writes
// callsim-model.json. callsim works without it (ASR falls back to pocketsphinx / the browser).
//
//   node scripts/models/fetch-models.mjs [--dry-run] [--list] [--model ID] [--models-dir DIR]
//        [--url URL --sha256 HEX] [--skip-checksum] [--no-load-check] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RELEASES = 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models';

/** Models this script knows. The sha-256 and size are those published for the release asset. */
const CATALOGUE = {
  'sense-voice-zh-en': {
    description: 'SenseVoice Small, int8, offline; Mandarin, English, Cantonese, Japanese, Korean',
    name: 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17',
    url: `${RELEASES}/sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17.tar.bz2`,
    sha256: '7d1efa2138a65b0b488df37f8b89e3d91a60676e416f515b952358d83dfd347e',
    sizeBytes: 163_002_883,
    kind: 'sense-voice',
    locales: ['zh-CN', 'en-US'],
    files: { 'model.int8.onnx': 100 * 1024 * 1024, 'tokens.txt': 100 * 1024 },
  },
};
const DEFAULT_MODEL = 'sense-voice-zh-en';

class FetchError extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
  }
}

function parseArgs(argv) {
  const args = {
    dryRun: false,
    list: false,
    force: false,
    skipChecksum: false,
    loadCheck: true,
    model: DEFAULT_MODEL,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new FetchError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--dry-run') args.dryRun = true;
    else if (flag === '--list') args.list = true;
    else if (flag === '--force') args.force = true;
    else if (flag === '--skip-checksum') args.skipChecksum = true;
    else if (flag === '--no-load-check') args.loadCheck = false;
    else if (flag === '--model') args.model = value();
    else if (flag === '--models-dir') args.modelsDir = value();
    else if (flag === '--url') args.url = value();
    else if (flag === '--sha256') args.sha256 = value().toLowerCase();
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new FetchError(`unknown option ${flag}`, 'Run with --help for the options.');
  }
  return args;
}

function plan(args) {
  const entry = CATALOGUE[args.model];
  if (!entry)
    throw new FetchError(`unknown model "${args.model}"`, `Known: ${Object.keys(CATALOGUE).join(', ')}`);
  const modelsDir = resolve(args.modelsDir ?? join(REPO_ROOT, 'models'));
  const url = args.url ?? entry.url;
  // A custom URL (a mirror) keeps the published checksum unless another one is given.
  const sha256 = args.sha256 ?? entry.sha256;
  return {
    ...entry,
    url,
    sha256,
    modelsDir,
    root: join(modelsDir, 'sherpa-onnx'),
    dest: join(modelsDir, 'sherpa-onnx', entry.name),
    archive: join(modelsDir, '.downloads', url.split('/').pop() || `${entry.name}.tar.bz2`),
  };
}

function verifyFiles(p) {
  const problems = [];
  for (const [file, minBytes] of Object.entries(p.files)) {
    const path = join(p.dest, file);
    if (!existsSync(path)) problems.push(`${file} is missing`);
    else if (statSync(path).size < minBytes) problems.push(`${file} is only ${statSync(path).size} bytes`);
  }
  return problems;
}

async function download(p) {
  mkdirSync(dirname(p.archive), { recursive: true });
  const part = `${p.archive}.part`;
  let response;
  try {
    response = await fetch(p.url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error);
    throw new FetchError(
      `could not reach ${new URL(p.url).host}: ${cause}`,
      'No internet access? callsim runs without this model. To install it elsewhere, copy the unpacked ' +
        `directory to ${p.dest}, or pass --url with a mirror of the archive.`,
    );
  }
  if (!response.ok || !response.body) {
    throw new FetchError(
      `download failed: HTTP ${response.status} for ${p.url}`,
      'Check the URL or try a mirror with --url.',
    );
  }
  const total = Number(response.headers.get('content-length')) || p.sizeBytes;
  let received = 0;
  let lastTenth = -1;
  const hash = createHash('sha256');
  const body = Readable.fromWeb(response.body);
  body.on('data', (chunk) => {
    received += chunk.length;
    hash.update(chunk);
    const tenth = Math.floor((received / total) * 10);
    if (tenth !== lastTenth && tenth <= 10) {
      lastTenth = tenth;
      process.stdout.write(`  ${(received / 1048576).toFixed(0)} / ${(total / 1048576).toFixed(0)} MiB\n`);
    }
  });
  await pipeline(body, createWriteStream(part));
  renameSync(part, p.archive);
  return hash.digest('hex');
}

function sha256OfFile(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function unpack(p) {
  mkdirSync(p.root, { recursive: true });
  const tar = spawnSync('tar', ['-xjf', p.archive, '-C', p.root], { encoding: 'utf8' });
  if (tar.error?.code === 'ENOENT') throw new FetchError('tar is not installed', 'apt-get install tar bzip2');
  if (tar.status !== 0) {
    throw new FetchError(
      `could not unpack ${p.archive}: ${(tar.stderr || '').trim().split('\n').pop()}`,
      'apt-get install bzip2; or delete the archive and retry.',
    );
  }
}

/** Loads the model with sherpa-onnx-node and decodes a second of silence. */
async function loadCheck(p) {
  const require = createRequire(join(REPO_ROOT, 'packages/speech/package.json'));
  const sherpa = require('sherpa-onnx-node');
  const modelConfig = { tokens: join(p.dest, 'tokens.txt'), numThreads: 1, provider: 'cpu', debug: false };
  modelConfig.senseVoice = {
    model: join(p.dest, 'model.int8.onnx'),
    language: '',
    useInverseTextNormalization: 1,
  };
  const recognizer = await sherpa.OfflineRecognizer.createAsync({
    featConfig: { sampleRate: 16000, featureDim: 80 },
    modelConfig,
  });
  const stream = recognizer.createStream();
  stream.acceptWaveform({ samples: new Float32Array(16000), sampleRate: 16000 });
  await recognizer.decodeAsync(stream);
}

function printHelp() {
  console.log(
    readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 7)
      .join('\n')
      .replace(/^\/\/ ?/gm, ''),
  );
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return printHelp();
  if (args.list) {
    for (const [id, entry] of Object.entries(CATALOGUE)) {
      console.log(
        `${id}${id === DEFAULT_MODEL ? ' (default)' : ''}: ${entry.description}; ${entry.locales.join(', ')}; ${(entry.sizeBytes / 1048576).toFixed(0)} MiB`,
      );
    }
    return;
  }
  const p = plan(args);
  console.log(`model:     ${p.name} (${p.kind}; ${p.locales.join(', ')})`);
  console.log(`from:      ${p.url}`);
  console.log(
    `size:      ${(p.sizeBytes / 1048576).toFixed(0)} MiB download, sha-256 ${args.skipChecksum ? '(not checked)' : p.sha256}`,
  );
  console.log(`into:      ${p.dest}`);
  if (args.dryRun) {
    console.log('dry run: nothing downloaded.');
    return;
  }
  if (!args.force && existsSync(p.dest) && verifyFiles(p).length === 0) {
    console.log('already present and complete; use --force to fetch again.');
    return;
  }

  let digest;
  if (existsSync(p.archive) && !args.force) {
    console.log(`using the archive already downloaded: ${p.archive}`);
    digest = sha256OfFile(p.archive);
  } else {
    console.log('downloading…');
    digest = await download(p);
  }
  if (!args.skipChecksum && digest !== p.sha256) {
    rmSync(p.archive, { force: true });
    throw new FetchError(
      `checksum mismatch: got ${digest}, expected ${p.sha256}`,
      'The download is corrupt or not the expected release; it was deleted. Retry.',
    );
  }
  console.log(args.skipChecksum ? 'checksum not checked (--skip-checksum).' : 'checksum ok.');

  rmSync(p.dest, { recursive: true, force: true });
  unpack(p);
  const problems = verifyFiles(p);
  if (problems.length > 0)
    throw new FetchError(
      `unpacked model is incomplete: ${problems.join('; ')}`,
      `Delete ${p.dest} and retry with --force.`,
    );
  const manifest = {
    kind: p.kind,
    locales: p.locales,
    source: p.url,
    sha256: digest,
    fetchedAt: new Date().toISOString(),
  };
  writeFileSync(join(p.dest, 'callsim-model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log('files ok; wrote callsim-model.json.');

  if (args.loadCheck) {
    await loadCheck(p).catch((error) => {
      throw new FetchError(
        `sherpa-onnx could not load the model: ${error?.message ?? error}`,
        `Delete ${p.dest} and retry with --force.`,
      );
    });
    console.log('sherpa-onnx loaded the model and decoded a test second.');
  }
  rmSync(p.archive, { force: true });
  console.log(
    `done. Restart callsim; GET /api/health lists sherpa-onnx as available for ${p.locales.join(' and ')}.`,
  );
}

main().catch((error) => {
  if (error instanceof FetchError) {
    console.error(`fetch-models: ${error.message}`);
    if (error.hint) console.error(`  ${error.hint}`);
  } else {
    console.error(`fetch-models: unexpected error: ${error?.stack ?? error}`);
  }
  process.exitCode = 1;
});
