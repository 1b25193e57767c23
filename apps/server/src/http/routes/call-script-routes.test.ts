// The call-script editor API over real loopback HTTP, against a temporary copy of the
// project's call-scripts/ folder: saves that keep versions, refusals that leave every byte
// on disk alone, confinement to the folder, roles, TTS previews (espeak-ng + sox) and clips.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav, encodeWav } from '@callsim/audio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../accounts/first-run.js';
import { type AppContext, createContext } from '../../app/context.js';
import { loadCallScriptLibrary } from '../../call-scripts/load-call-scripts.js';
import { ScenarioLibrary } from '../../calls/scenario-library.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../logging/logger.js';
import { createHttpApp } from '../app.js';
import { callScriptRoutes, type PreviewVoice } from './call-script-routes.js';

const PROJECT = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..');
const CUP = 'inbound/zh-CN/complaint-damaged-cup.yaml';
const TEMPLATE = 'templates/inbound-standard.yaml';

let tmp: string;
let root: string;
let versionsDir: string;
let ctx: AppContext;
let server: Server;
let url: string;
let admin: string;
let teacher: string;
let trainee: string;
let reloads = 0;

/** espeak-ng → sox → 16 kHz mono WAV, the way the real TTS adapter renders previews. */
function espeakSynthesize(
  text: string,
  locale: 'zh-CN' | 'en-US',
  voice?: PreviewVoice,
): Promise<Uint8Array> {
  const base = locale === 'zh-CN' ? 'cmn-latn-pinyin' : 'en-us';
  const args = [
    '-v',
    voice?.gender === 'female' ? `${base}+f3` : base,
    '-s',
    String(Math.round(175 * (voice?.rate ?? 1))),
    '-p',
    String(Math.round(50 * (voice?.pitch ?? 1))),
    '--stdout',
    text,
  ];
  return new Promise((resolve, reject) => {
    const espeak = spawn('espeak-ng', args);
    const sox = spawn('sox', [
      '-q',
      '-t',
      'wav',
      '-',
      '-r',
      '16000',
      '-c',
      '1',
      '-b',
      '16',
      '-t',
      'wav',
      '-',
    ]);
    espeak.stdout.pipe(sox.stdin);
    const out: Buffer[] = [];
    sox.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    sox.on('error', reject);
    espeak.on('error', reject);
    // sox cannot seek back into a pipe to fix the header's sizes: re-encode for a well-formed file.
    sox.on('close', (code) =>
      code === 0
        ? resolve(encodeWav(decodeWav(new Uint8Array(Buffer.concat(out)))))
        : reject(new Error(`sox exited ${code}`)),
    );
  });
}

async function call(route: string, init: RequestInit & { cookie?: string; json?: unknown } = {}) {
  const { cookie, json, headers, ...rest } = init;
  const response = await fetch(`${url}/api/call-scripts${route}`, {
    ...rest,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  return {
    status: response.status,
    type,
    bytes,
    // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
    body: (type.includes('json') && text ? JSON.parse(text) : undefined) as any,
  };
}

/** Logs in like a browser; the session cookie. (Not via testing/test-server.ts: this app is built here.) */
async function login(username: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username} failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const onDisk = (rel: string) => readFileSync(path.join(root, ...rel.split('/')));
const versionFiles = (rel: string) => {
  const dir = path.join(versionsDir, ...rel.split('/'));
  return existsSync(dir) ? readdirSync(dir).filter((n) => !n.startsWith('.')) : [];
};
const lineOf = (text: string, needle: string, from = 0) =>
  text.slice(0, text.indexOf(needle, from)).split('\n').length;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'callsim-scripts-'));
  root = path.join(tmp, 'call-scripts');
  versionsDir = path.join(tmp, 'data', 'call-script-versions');
  cpSync(path.join(PROJECT, 'call-scripts'), root, { recursive: true });
  const config = loadConfig({
    env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    overrides: { port: 0, host: '127.0.0.1', dataDir: path.join(tmp, 'data'), callScriptsDir: root },
  });
  ctx = await createContext(config, createLogger(config));
  await seedDemo(ctx.db, ctx.users);
  const router = callScriptRoutes({
    ctx,
    rootDir: root,
    versionsDir,
    synthesize: espeakSynthesize,
    onSaved: async () => {
      reloads += 1;
    },
  });
  const app = createHttpApp(ctx, {
    onSessionsRevoked: () => undefined,
    extraApi: [{ path: '/call-scripts', router }],
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  admin = await login('admin', 'admin123');
  teacher = await login('teacher', 'teacher123');
  trainee = await login('trainee1', 'trainee123');
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('call-script editor API', () => {
  it('is for evaluators and admins only', async () => {
    expect((await call('/')).status).toBe(401);
    for (const [method, route, json] of [
      ['GET', '/', undefined],
      ['GET', `/file?path=${CUP}`, undefined],
      ['POST', '/validate', { path: CUP, text: 'x: 1' }],
      ['PUT', '/file', { path: CUP, text: 'x: 1' }],
      ['POST', '/preview-line', { text: '你好', locale: 'zh-CN' }],
    ] as const) {
      const response = await call(route, { method, json, cookie: trainee });
      expect(response.status, `${method} ${route}`).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect(onDisk(CUP).toString()).not.toBe('x: 1');
    expect((await call('/', { cookie: teacher })).status).toBe(200);
  });

  it('lists templates and scenarios with locale and problem counts', async () => {
    const { status, body } = await call('/', { cookie: teacher });
    expect(status).toBe(200);
    expect(body).toContainEqual(
      expect.objectContaining({
        path: TEMPLATE,
        kind: 'template',
        id: 'inbound-standard',
        locale: 'zh-CN',
        errorCount: 0,
      }),
    );
    expect(body).toContainEqual(
      expect.objectContaining({
        path: CUP,
        kind: 'scenario',
        id: 'complaint-damaged-cup',
        direction: 'inbound',
        category: 'complaint',
        errorCount: 0,
        warningCount: 0,
      }),
    );
    expect(body.length).toBeGreaterThanOrEqual(20);
  });

  it('opens a scenario with its text, no diagnostics and the dialogue graph', async () => {
    const { status, body } = await call(`/file?path=${encodeURIComponent(CUP)}`, { cookie: teacher });
    expect(status).toBe(200);
    expect(body.text).toBe(onDisk(CUP).toString());
    expect(body.diagnostics).toEqual([]);
    expect(body.graph.start).toBe('opening');
    const opening = body.graph.turns.find((t: { id: string }) => t.id === 'opening');
    expect(opening.line).toBe(lineOf(body.text, '    opening:'));
    expect(opening.next[0]).toMatchObject({ when: { step: ['empathy'] }, goto: 'calmer', known: true });
    expect(opening.next.at(-1)).toMatchObject({ when: null, goto: 'angrier' });
    expect(body.graph.turns.find((t: { id: string }) => t.id === 'escalate').end).toBe(true);
    // Variables are filled in for the spoken line.
    const calmer = body.graph.turns.find((t: { id: string }) => t.id === 'calmer');
    expect(calmer.say).toContain('{customer.facts.orderId}');
    expect(calmer.sayText).toContain('20261108-3391');
  });

  it('saves a valid edit atomically, keeps the old content as a version and reloads', async () => {
    const before = onDisk(CUP).toString();
    const opened = await call(`/file?path=${CUP}`, { cookie: teacher });
    const edited = before.replace('算了，跟你说不清楚，', '算了算了，跟你说不清楚，');
    const reloadsBefore = reloads;
    const saved = await call('/file', {
      method: 'PUT',
      cookie: teacher,
      json: { path: CUP, text: edited, baseVersion: opened.body.version },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ path: CUP, created: false, diagnostics: [] });
    expect(onDisk(CUP).toString()).toBe(edited);
    expect(reloads).toBe(reloadsBefore + 1);
    expect(readdirSync(path.dirname(path.join(root, CUP))).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const versions = await call(`/versions?path=${CUP}`, { cookie: teacher });
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0].id).toBe(saved.body.previousVersionId);
    const old = await call(`/version?path=${CUP}&id=${versions.body[0].id}`, { cookie: teacher });
    expect(old.body.text).toBe(before);

    const audit = await ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'call-script.saved')
      .execute();
    expect(audit.map((a) => a.target)).toContain(CUP);

    // The old version answers the next save's baseVersion check: a stale editor is refused.
    const stale = await call('/file', {
      method: 'PUT',
      cookie: teacher,
      json: { path: CUP, text: before, baseVersion: opened.body.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('SCRIPT_CHANGED');
    expect(onDisk(CUP).toString()).toBe(edited);
  });

  it('refuses malformed YAML with 422 and the line, and changes nothing on disk', async () => {
    const bytes = onDisk(CUP);
    const versionCount = versionFiles(CUP).length;
    const text = bytes.toString().replace('  start: opening\n', '  start: [opening\n');
    const response = await call('/file', { method: 'PUT', cookie: admin, json: { path: CUP, text } });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('SCRIPT_INVALID');
    const syntax = response.body.error.details.diagnostics.find(
      (d: { code: string }) => d.code === 'yaml-syntax',
    );
    expect(syntax).toBeDefined();
    expect(syntax.severity).toBe('error');
    expect(syntax.line).toBeGreaterThanOrEqual(lineOf(text, '  start: [opening'));
    expect(syntax.line).toBeLessThanOrEqual(lineOf(text, '  start: [opening') + 2);
    expect(onDisk(CUP).equals(bytes)).toBe(true);
    expect(versionFiles(CUP)).toHaveLength(versionCount);
  });

  it('refuses an unknown goto with 422 naming its line, and changes nothing on disk', async () => {
    const bytes = onDisk(CUP);
    const original = bytes.toString();
    const at = original.indexOf('goto: calmer');
    const text = `${original.slice(0, at)}goto: calmr${original.slice(at + 'goto: calmer'.length)}`;
    const response = await call('/file', { method: 'PUT', cookie: teacher, json: { path: CUP, text } });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/错误/);
    expect(response.body.error.details.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'unknown-goto',
        severity: 'error',
        line: lineOf(text, 'goto: calmr'),
        path: CUP,
      }),
    );
    expect(onDisk(CUP).equals(bytes)).toBe(true);

    // Live validation reports the same problem without saving.
    const live = await call('/validate', { method: 'POST', cookie: teacher, json: { path: CUP, text } });
    expect(live.status).toBe(200);
    expect(live.body.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'unknown-goto', line: lineOf(text, 'goto: calmr') }),
    );
    const opening = live.body.graph.turns.find((t: { id: string }) => t.id === 'opening');
    expect(opening.next[0]).toMatchObject({ goto: 'calmr', known: false });
    expect(onDisk(CUP).equals(bytes)).toBe(true);
  });

  it('refuses a template change that breaks the scenarios using it', async () => {
    const bytes = onDisk(TEMPLATE);
    const text = bytes.toString().replace('  - id: farewell\n', '  - id: goodbye\n');
    const live = await call('/validate', { method: 'POST', cookie: teacher, json: { path: TEMPLATE, text } });
    expect(live.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(live.body.elsewhere).toContainEqual(
      expect.objectContaining({
        path: CUP,
        code: 'unknown-step',
        line: lineOf(onDisk(CUP).toString(), 'step: farewell'),
      }),
    );
    const response = await call('/file', { method: 'PUT', cookie: teacher, json: { path: TEMPLATE, text } });
    expect(response.status).toBe(422);
    expect(response.body.error.details.elsewhere.length).toBeGreaterThan(0);
    expect(onDisk(TEMPLATE).equals(bytes)).toBe(true);
  });

  it('keeps every path inside the call-scripts folder', async () => {
    const outside = path.join(tmp, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, path.join(root, 'inbound', 'linked'));
    const scenario = onDisk(CUP).toString().replace('id: complaint-damaged-cup', 'id: evil-copy');
    for (const bad of [
      '../outside/evil.yaml',
      'inbound/../../outside/evil.yaml',
      '/etc/evil.yaml',
      'inbound/zh-CN/evil.json',
      'inbound\\evil.yaml',
      'inbound/.hidden/evil.yaml',
      'misc/evil.yaml',
      'evil.yaml',
      'inbound/linked/evil.yaml',
    ]) {
      const response = await call('/file', {
        method: 'PUT',
        cookie: admin,
        json: { path: bad, text: scenario },
      });
      expect(response.status, bad).toBe(400);
      expect(['BAD_REQUEST', 'SCRIPT_PATH_INVALID'], bad).toContain(response.body.error.code);
      expect(response.body.error.details.field, bad).toBe('path');
    }
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(path.join(tmp, 'evil.yaml'))).toBe(false);
    expect((await call('/file?path=../../package.json', { cookie: admin })).status).toBe(400);
    expect((await call(`/file?path=${encodeURIComponent('../data/x.yaml')}`, { cookie: admin })).status).toBe(
      400,
    );
    expect((await call('/versions?path=..%2F..%2Fetc.yaml', { cookie: admin })).status).toBe(400);
    expect((await call(`/version?path=${CUP}&id=..%2F..%2Fx`, { cookie: admin })).status).toBe(400);
  });

  it('creates a new scenario under outbound/ and lists it', async () => {
    const rel = 'outbound/zh-CN/followup-damaged-cup-copy.yaml';
    const text = readFileSync(path.join(root, 'outbound/zh-CN/followup-damaged-cup.yaml'), 'utf8').replace(
      'id: followup-damaged-cup',
      'id: followup-damaged-cup-copy',
    );
    const created = await call('/file', { method: 'PUT', cookie: admin, json: { path: rel, text } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ created: true, previousVersionId: null, kind: 'scenario' });
    expect(readFileSync(path.join(root, rel), 'utf8')).toBe(text);
    const list = await call('/', { cookie: admin });
    expect(list.body).toContainEqual(expect.objectContaining({ path: rel, errorCount: 0 }));
    // A second file with an id already in use is refused.
    const duplicate = await call('/file', {
      method: 'PUT',
      cookie: admin,
      json: { path: 'outbound/zh-CN/another-copy.yaml', text },
    });
    expect(duplicate.status).toBe(422);
    expect(existsSync(path.join(root, 'outbound/zh-CN/another-copy.yaml'))).toBe(false);
  });

  it('previews a customer line as a 16 kHz mono WAV', async () => {
    const zh = await call('/preview-line', {
      method: 'POST',
      cookie: teacher,
      json: { text: '喂？你们怎么回事！', locale: 'zh-CN', voice: { gender: 'male', rate: 1.1, pitch: 0.9 } },
    });
    expect(zh.status).toBe(200);
    expect(zh.type).toMatch(/^audio\/wav/);
    const wav = decodeWav(zh.bytes);
    expect(wav.sampleRateHz).toBe(16000);
    expect(wav.channels).toHaveLength(1);
    expect(wav.channels[0]!.length / 16000).toBeGreaterThan(0.5);
    const en = await call('/preview-line', {
      method: 'POST',
      cookie: teacher,
      json: { text: 'Hello, I have a question about my order.', locale: 'en-US' },
    });
    expect(decodeWav(en.bytes).channels[0]!.length / 16000).toBeGreaterThan(1);
    const bad = await call('/preview-line', {
      method: 'POST',
      cookie: teacher,
      json: { text: 'hi', locale: 'fr' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('locale');
  });

  it('stores a recorded WAV clip for a turn and writes `audio:` with comments kept', async () => {
    const rel = 'inbound/zh-CN/complaint-late-delivery.yaml';
    const original = readFileSync(path.join(root, rel), 'utf8');
    const scenarioId = /^id: (\S+)$/m.exec(original)?.[1] ?? '';
    const turn = /^ {4}(\w[\w-]*):\n {6}say:/m.exec(original.slice(original.indexOf('  turns:')))?.[1] ?? '';
    expect(turn).not.toBe('');
    // Comments inside the turn, as a teacher might write them.
    const commented = original.replace(`    ${turn}:\n`, `    ${turn}:   # 第一句\n      # 语气：着急\n`);
    writeFileSync(path.join(root, rel), commented);

    // A 44.1 kHz stereo WAV, as a browser might produce it.
    const mono = Buffer.from(await espeakSynthesize('我的快递怎么还没到', 'zh-CN'));
    const upload = execFileSync(
      'sox',
      ['-V1', '-t', 'wav', '-', '-r', '44100', '-c', '2', '-t', 'wav', '-'],
      {
        input: mono,
      },
    );
    const response = await call(`/line-audio?path=${rel}&turn=${turn}`, {
      method: 'POST',
      cookie: teacher,
      headers: { 'content-type': 'audio/wav' },
      body: upload,
    });
    expect(response.status).toBe(200);
    const clip = `audio/${scenarioId}/${turn}.wav`;
    expect(response.body.audio).toBe(clip);
    const stored = decodeWav(readFileSync(path.join(root, clip)));
    expect(stored.sampleRateHz).toBe(16000);
    expect(stored.channels).toHaveLength(1);
    expect(Math.abs(stored.channels[0]!.length / 16 - response.body.durationMs)).toBeLessThan(2);

    const after = readFileSync(path.join(root, rel), 'utf8');
    const added = after.split('\n').filter((line) => !commented.split('\n').includes(line));
    expect(added).toEqual([`      audio: ${clip}`]);
    expect(after.replace(`      audio: ${clip}\n`, '')).toBe(commented);
    expect(after).toContain('# 第一句\n      # 语气：着急\n      say:');
    const graphTurn = response.body.graph.turns.find((t: { id: string }) => t.id === turn);
    expect(graphTurn).toMatchObject({ audio: clip, audioExists: true });
    expect(versionFiles(rel)).toHaveLength(1);

    // The library (as the call engine loads it) accepts the file.
    const library = await loadCallScriptLibrary(root, { projectDir: tmp });
    expect(library.diagnostics.filter((d) => d.file.endsWith(rel))).toEqual([]);
    expect(library.scenarios.find((s) => s.id === scenarioId)?.dialogue.turns[turn]?.audio).toBe(clip);
    // …and its clip rule (beside the scenario, then under the root) finds the stored file.
    const scenarios = new ScenarioLibrary(root, createLogger(loadConfig({ env: { LOG_LEVEL: 'silent' } })));
    await scenarios.load();
    expect(scenarios.clipPath(scenarios.get(scenarioId), clip)).toBe(path.join(root, clip));

    // The editor plays it back.
    const played = await call(`/line-audio?path=${rel}&turn=${turn}`, { cookie: teacher });
    expect(played.status).toBe(200);
    expect(Buffer.from(played.bytes).equals(readFileSync(path.join(root, clip)))).toBe(true);
  });

  it('refuses clips it cannot use and turns that do not exist', async () => {
    const bytes = onDisk(CUP);
    const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, ...new Array(64).fill(0)]);
    const refused = await call(`/line-audio?path=${CUP}&turn=calmer`, {
      method: 'POST',
      cookie: teacher,
      headers: { 'content-type': 'audio/webm' },
      body: webm,
    });
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe('CLIP_INVALID');
    const wav = Buffer.from(await espeakSynthesize('你好', 'zh-CN'));
    const noTurn = await call(`/line-audio?path=${CUP}&turn=nosuchturn`, {
      method: 'POST',
      cookie: teacher,
      headers: { 'content-type': 'audio/wav' },
      body: wav,
    });
    expect(noTurn.status).toBe(404);
    expect(noTurn.body.error.code).toBe('SCRIPT_TURN_NOT_FOUND');
    const asTrainee = await call(`/line-audio?path=${CUP}&turn=calmer`, {
      method: 'POST',
      cookie: trainee,
      headers: { 'content-type': 'audio/wav' },
      body: wav,
    });
    expect(asTrainee.status).toBe(403);
    expect(onDisk(CUP).equals(bytes)).toBe(true);
    expect(existsSync(path.join(root, 'audio', 'complaint-damaged-cup'))).toBe(false);
  });
});
