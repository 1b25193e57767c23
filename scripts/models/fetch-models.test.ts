// The optional model fetcher: prints its plan, fails clearly without a network, refuses a
// corrupt download, and installs a verified model with its manifest (served from loopback).
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'fetch-models.mjs');
const MODEL_DIR_NAME = 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [SCRIPT, ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const tempDirs: string[] = [];
const tempModelsDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callsim-models-'));
  tempDirs.push(dir);
  return dir;
};

let server: Server;
let baseUrl: string;
let archive: Buffer;

beforeAll(async () => {
  // A stand-in release archive: right layout and sizes (sparse files), not a real model.
  const work = mkdtempSync(join(tmpdir(), 'callsim-fake-release-'));
  const dir = join(work, MODEL_DIR_NAME);
  mkdirSync(dir);
  writeFileSync(join(dir, 'model.int8.onnx'), '');
  truncateSync(join(dir, 'model.int8.onnx'), 101 * 1024 * 1024);
  writeFileSync(join(dir, 'tokens.txt'), '');
  truncateSync(join(dir, 'tokens.txt'), 200 * 1024);
  execFileSync('tar', ['-cjf', join(work, 'model.tar.bz2'), '-C', work, MODEL_DIR_NAME]);
  archive = readFileSync(join(work, 'model.tar.bz2'));
  rmSync(work, { recursive: true, force: true });
  server = createServer((request, response) => {
    if (request.url === '/model.tar.bz2') response.end(archive);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('scripts/models/fetch-models.mjs', () => {
  it('--dry-run prints what it would fetch and where, and touches nothing', async () => {
    const modelsDir = tempModelsDir();
    const result = await run(['--dry-run', '--models-dir', modelsDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `from:      https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/${MODEL_DIR_NAME}.tar.bz2`,
    );
    expect(result.stdout).toContain(`into:      ${join(modelsDir, 'sherpa-onnx', MODEL_DIR_NAME)}`);
    expect(readdirSync(modelsDir)).toEqual([]);
  });

  it('fails clearly when the server cannot be reached', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const modelsDir = tempModelsDir();
    const result = await run(['--models-dir', modelsDir, '--url', `http://127.0.0.1:${port}/x.tar.bz2`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^fetch-models: could not reach 127\\.0\\.0\\.1:${port}: ECONNREFUSED`),
    );
    expect(result.stderr).toContain('callsim runs without this model');
  });

  it('refuses and deletes a download whose checksum does not match', async () => {
    const modelsDir = tempModelsDir();
    const result = await run(['--models-dir', modelsDir, '--url', `${baseUrl}/model.tar.bz2`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/checksum mismatch/);
    expect(readdirSync(join(modelsDir, '.downloads'))).toEqual([]);
    expect(existsSync(join(modelsDir, 'sherpa-onnx'))).toBe(false);
  });

  it('installs a verified archive with its manifest, and then finds it complete', async () => {
    const modelsDir = tempModelsDir();
    const sha256 = createHash('sha256').update(archive).digest('hex');
    const args = [
      '--models-dir',
      modelsDir,
      '--url',
      `${baseUrl}/model.tar.bz2`,
      '--sha256',
      sha256,
      '--no-load-check',
    ];
    const first = await run(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const dest = join(modelsDir, 'sherpa-onnx', MODEL_DIR_NAME);
    const manifest = JSON.parse(readFileSync(join(dest, 'callsim-model.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({ kind: 'sense-voice', locales: ['zh-CN', 'en-US'], sha256 });
    expect((await run(args)).stdout).toContain('already present and complete');
  });
});
