// Scale-out with real processes: two built `callsim serve` nodes on one PostgreSQL
// database, one Redis and one recordings folder, behind nginx with the repository's
// sticky config. Softphones connect through nginx and land on both nodes; a class-session
// call started through node A's REST API rings, and runs, on the node holding the
// agent's socket (B), and node A's sign-out reaches B's socket. Then node B is killed with SIGKILL mid-call: node A notices, ends
// B's call (system, node-lost) with its recording rebuilt from the shared folder and
// scored, frees the agent's seat, and A's own call carries on to a normal hang-up. A
// restarted B recovers nothing twice. A follow-up planned once by the after-call job (a
// BullMQ worker on each node) and dialled at the same moment from a phone on each node
// rings once, on the phone whose dial was accepted; the other dial is refused.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '@callsim/audio';
import type { WorklistDto } from '@callsim/protocol';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeadlessAgent } from '../../apps/server/src/agent/headless-agent.js';
import {
  redisUnavailableReason,
  startTestRedis,
  type TestRedis,
} from '../../apps/server/src/testing/redis.js';
import { speechWav } from './support/fixtures.js';
import { NGINX_BIN, type NginxProxy, startNginx } from './support/nginx.js';
import { createTestDatabase, postgresUnavailableReason, type TestDatabase } from './support/postgres.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { openSoftphone, type Softphone } from './support/softphone.js';

const skipReason =
  (NGINX_BIN ? null : 'nginx is not installed (apt-get install nginx-light)') ??
  redisUnavailableReason({ exclusive: true }) ??
  postgresUnavailableReason();

interface CallRow {
  id: string;
  status: string;
  source: string;
  agentUserId: string | null;
  nodeId: string | null;
  endedBy: string | null;
  endReason: string | null;
  endedAtMs: number | null;
  durationMs: number | null;
  recordingPath: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `timeoutMs`: a hung step fails fast. */
async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(skipReason !== null)(
  `two nodes behind nginx${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let database: TestDatabase;
    let redis: TestRedis;
    let sql: pg.Client;
    let nodeA: ServerProcess;
    let nodeB: ServerProcess;
    let proxy: NginxProxy;
    const recordingsDir = mkdtempSync(path.join(tmpdir(), 'callsim-shared-recordings-'));
    const dataDirs = ['a', 'b'].map((n) => mkdtempSync(path.join(tmpdir(), `callsim-node-${n}-`)));
    const phones: Softphone[] = [];
    const turnWav = speechWav('您好，这里是客服中心，请问有什么可以帮您？', 'cmn-latn-pinyin');
    const solutionText = '非常抱歉给您带来不便，我们马上为您免费补寄一个新的，今天下午就发出。';
    const solutionWav = speechWav(solutionText, 'cmn-latn-pinyin');

    const startNode = (name: 'a' | 'b') =>
      startServerProcess(
        {
          DATABASE_URL: database.url,
          REDIS_URL: redis.url,
          CALLSIM_NODE_ID: `node-${name}`,
          CALLSIM_RECORDINGS_DIR: recordingsDir,
          CALLSIM_TRUST_PROXY: 'true',
          CALLSIM_LOGIN_ATTEMPTS: '1000',
        },
        { dataDir: dataDirs[name === 'a' ? 0 : 1]! },
      );

    beforeAll(async () => {
      [database, redis] = await Promise.all([
        createTestDatabase('callsim_cluster'),
        startTestRedis({ exclusive: true }),
      ]);
      sql = new pg.Client({ connectionString: database.url });
      await sql.connect();
      // One after the other: the first applies the migrations and seeds the demo class.
      nodeA = await startNode('a');
      nodeB = await startNode('b');
      proxy = await startNginx([new URL(nodeA.url).host, new URL(nodeB.url).host]);
    }, 90_000);

    afterAll(async () => {
      for (const phone of phones) phone.close();
      await proxy?.stop();
      await nodeA?.stop();
      await nodeB?.stop();
      await sql?.end();
      await database?.drop();
      await redis?.close();
      for (const dir of [recordingsDir, ...dataDirs]) rmSync(dir, { recursive: true, force: true });
    });

    async function login(url: string, username: string, password: string): Promise<string> {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect(response.status).toBe(200);
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    }

    /** Logs in through nginx until the session cookie hashes to `node`. */
    async function loginOn(node: ServerProcess, username: string): Promise<string> {
      const want = new URL(node.url).host;
      for (let attempt = 0; attempt < 40; attempt++) {
        const cookie = await login(proxy.url, username, 'trainee123');
        if ((await proxy.upstreamFor(cookie)) === want) return cookie;
      }
      throw new Error(`no session of ${username} landed on ${want}`);
    }

    async function callRow(callId: string): Promise<CallRow> {
      const { rows } = await sql.query<CallRow>(
        `SELECT id, status, source, agent_user_id AS "agentUserId", node_id AS "nodeId", ended_by AS "endedBy",
                end_reason AS "endReason", ended_at_ms::float8 AS "endedAtMs", duration_ms::float8 AS "durationMs",
                recording_path AS "recordingPath"
           FROM calls WHERE id = $1`,
        [callId],
      );
      return rows[0]!;
    }

    /** The row once the call is over (the ack of a hang-up comes before the row's update). */
    async function endedRow(callId: string, timeoutMs = 5_000): Promise<CallRow> {
      const deadlineMs = Date.now() + timeoutMs;
      let row = await callRow(callId);
      while (row.status !== 'ended' && Date.now() < deadlineMs) {
        await sleep(100);
        row = await callRow(callId);
      }
      return row;
    }

    async function userId(username: string): Promise<string> {
      const { rows } = await sql.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [
        username,
      ]);
      return rows[0]!.id;
    }

    /** A stereo 16 kHz WAV whose header agrees with the file. Returns its length in ms. */
    function checkWav(file: string): number {
      const bytes = new Uint8Array(readFileSync(file));
      const header = Buffer.from(bytes.subarray(0, 44));
      expect(header.toString('ascii', 0, 4)).toBe('RIFF');
      expect(header.readUInt32LE(4)).toBe(bytes.length - 8);
      expect(header.readUInt32LE(40)).toBe(bytes.length - 44);
      const wav = decodeWav(bytes);
      expect(wav.sampleRateHz).toBe(16000);
      expect(wav.channels).toHaveLength(2);
      return (wav.channels[0]!.length / 16000) * 1000;
    }

    it('offers a call started on node A to the agent whose socket is on node B, and both nodes run calls', async () => {
      const cookieA = await loginOn(nodeA, 'trainee1');
      const cookieB = await loginOn(nodeB, 'trainee2');
      const onB = await openSoftphone({ url: proxy.url, cookie: cookieB, turnWav, hangupAfterMs: 9_000 });
      phones.push(onB);

      // The teacher starts a class session on node A itself; only trainee2 is ready.
      const teacher = await login(nodeA.url, 'teacher', 'teacher123');
      const classes = (await (
        await fetch(`${nodeA.url}/api/classes`, { headers: { cookie: teacher } })
      ).json()) as {
        id: string;
      }[];
      const started = await fetch(`${nodeA.url}/api/classes/${classes[0]!.id}/sessions`, {
        method: 'POST',
        headers: { cookie: teacher, 'content-type': 'application/json' },
        body: JSON.stringify({ scenarioIds: ['complaint-damaged-cup'], intervalSec: 600, durationMin: 5 }),
      });
      expect(started.status).toBe(201);
      const session = (await started.json()) as { id: string };
      const classCallId = await onB.answered;
      await fetch(`${nodeA.url}/api/classes/${classes[0]!.id}/sessions/${session.id}`, {
        method: 'DELETE',
        headers: { cookie: teacher },
      });

      const onA = await openSoftphone({
        url: proxy.url,
        cookie: cookieA,
        turnWav,
        scenarioId: 'inquiry-rice-cooker',
        hangupAfterMs: 6_000,
      });
      phones.push(onA);
      const practiceCallId = await onA.answered;

      const [callB, callA] = await Promise.all([onB.done, onA.done]);
      for (const call of [callA, callB]) {
        expect(['agent', 'customer']).toContain(call.endedBy);
        // The stream reached the phone; the customer need not have spoken within the call.
        expect(call.streamedFrames).toBeGreaterThan(150);
      }
      const classCall = await endedRow(classCallId);
      expect(classCall).toMatchObject({
        status: 'ended',
        source: 'class-session',
        agentUserId: await userId('trainee2'),
      });
      expect(classCall.nodeId).toMatch(/^node-b#/);
      const practiceCall = await endedRow(practiceCallId);
      expect(practiceCall).toMatchObject({ status: 'ended', source: 'practice' });
      expect(practiceCall.nodeId).toMatch(/^node-a#/);
      // Both recordings sit in the one shared folder, named by call id.
      for (const call of [classCall, practiceCall]) {
        expect(path.dirname(path.dirname(call.recordingPath!))).toBe(recordingsDir);
        expect(path.basename(call.recordingPath!)).toBe(`${call.id}.wav`);
        expect(Math.abs(checkWav(call.recordingPath!) - call.durationMs!)).toBeLessThan(100);
      }
      // An admin on node A resets trainee2's password: the socket on node B is signed out
      // (socket.io rooms reach it through the Redis adapter).
      const admin = await login(nodeA.url, 'admin', 'admin123');
      const reset = await fetch(`${nodeA.url}/api/users/${await userId('trainee2')}/password`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'changed-on-node-a' }),
      });
      expect(reset.status).toBe(204);
      await onB.revoked;
      onA.close();
      onB.close();
    });

    it('dials a follow-up due while both nodes run once: of two phones dialling it at once, one rings', async () => {
      // A complaint on node A in which the trainee offers to send a new cup: the scenario's
      // `outcomes.followUp` holds, and the after-call job (BullMQ, a worker on each node) plans it.
      const complaint = await runHeadlessAgent({
        url: nodeA.url,
        username: 'trainee3',
        password: 'trainee123',
        scenarioId: 'complaint-damaged-cup',
        turns: [{ wav: solutionWav, text: solutionText }],
      });
      expect((await callRow(complaint.callId)).nodeId).toMatch(/^node-a#/);
      const followUps = async () =>
        (
          await sql.query<{ id: string; status: string; scenarioId: string }>(
            `SELECT id, status, scenario_id AS "scenarioId" FROM outbound_tasks WHERE origin_call_id = $1`,
            [complaint.callId],
          )
        ).rows;
      await expect.poll(async () => (await followUps()).length, { timeout: 20_000 }).toBe(1);
      const taskId = (await followUps())[0]!.id;
      expect(await followUps()).toEqual([
        { id: taskId, status: 'pending', scenarioId: 'followup-damaged-cup' },
      ]);

      // The teacher moves the class clock (paused) to the next morning until the task is due.
      const teacher = await login(nodeA.url, 'teacher', 'teacher123');
      const classes = (await (
        await fetch(`${nodeA.url}/api/classes`, { headers: { cookie: teacher } })
      ).json()) as { id: string; name: string }[];
      const classId = classes.find((c) => c.name === '电商2401班')!.id;
      const trainee = await login(nodeB.url, 'trainee3', 'trainee123');
      const dueIds = async () => {
        const response = await fetch(`${nodeB.url}/api/outbound/worklist`, { headers: { cookie: trainee } });
        return ((await response.json()) as WorklistDto).due.map((d) => d.id);
      };
      for (let advances = 0; advances < 4 && !(await dueIds()).includes(taskId); advances++) {
        const clock = await fetch(`${nodeA.url}/api/outbound/clocks/${classId}`, {
          method: 'PATCH',
          headers: { cookie: teacher, 'content-type': 'application/json' },
          body: JSON.stringify({ advance: 'next-day', speedFactor: 0 }),
        });
        expect(clock.status).toBe(200);
      }
      expect(await dueIds()).toContain(taskId);

      // The same trainee signed in twice, one phone on each node; both dial the task at once.
      const onA = await openSoftphone({
        url: proxy.url,
        cookie: await loginOn(nodeA, 'trainee3'),
        turnWav,
        hangupAfterMs: 4_000,
      });
      phones.push(onA);
      const onB = await openSoftphone({
        url: proxy.url,
        cookie: await loginOn(nodeB, 'trainee3'),
        turnWav,
        hangupAfterMs: 4_000,
      });
      phones.push(onB);
      const [ackA, ackB] = await Promise.all([onA.dial(taskId), onB.dial(taskId)]);
      console.log(
        `simultaneous dials: node A ${ackA.ok ? 'accepted' : 'refused'}, node B ${ackB.ok ? 'accepted' : 'refused'}`,
      );
      expect([ackA.ok, ackB.ok].filter(Boolean)).toHaveLength(1);
      const [accepted, refused] = ackA.ok ? [ackA, ackB] : [ackB, ackA];
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'OUTBOUND_TASK_NOT_DIALABLE', details: { taskId, reason: 'dialing' } },
      });
      if (!accepted.ok) throw new Error('unreachable');
      const { callId } = accepted.value;
      const [dialler, diallerNode] = ackA.ok ? [onA, 'node-a'] : [onB, 'node-b'];

      // The accepted dial rings back on the phone that dialled, the customer answers and the
      // call runs on that phone's node.
      expect(await within(dialler.dialOutcome, 30_000, 'dial outcome')).toMatchObject({
        callId,
        taskId,
        outcome: 'answered',
      });
      expect(dialler.ringbackFrames()).toBeGreaterThan(50);
      expect(await within(dialler.answered, 10_000, 'pick-up')).toBe(callId);
      const call = await within(dialler.done, 30_000, 'hang-up');
      expect(call.framesReceived).toBeGreaterThan(0);
      expect(call.streamedFrames).toBeGreaterThan(100);
      const row = await endedRow(callId);
      expect(row).toMatchObject({ status: 'ended', source: 'follow-up' });
      expect(row.nodeId).toMatch(new RegExp(`^${diallerNode}#`));

      // One call and one attempt for the task, which waits for its disposition.
      await expect.poll(async () => (await followUps())[0]?.status, { timeout: 20_000 }).toBe('wrap-up');
      const { rows: taskCalls } = await sql.query('SELECT id FROM calls WHERE task_id = $1', [taskId]);
      expect(taskCalls).toEqual([{ id: callId }]);
      const { rows: attempts } = await sql.query(
        `SELECT call_id AS "callId", outcome FROM outbound_attempts WHERE task_id = $1`,
        [taskId],
      );
      expect(attempts).toEqual([{ callId, outcome: 'answered' }]);

      // One follow-up for the complaint: its after-call job was started once, by one node's worker.
      expect(await followUps()).toHaveLength(1);
      const redisClient = new Redis(redis.url);
      try {
        const jobKey = `callsim:jobs:key.${encodeURIComponent(`outbound.after-call:${complaint.callId}`)}`;
        // BullMQ's job hash: ats = runs started, atm = attempts made, pb = worker (hostname:pid).
        const job = await redisClient.hgetall(jobKey);
        expect(job).toMatchObject({ name: 'outbound.after-call', ats: '1', atm: '1' });
        expect(Number(job.finishedOn)).toBeGreaterThan(0);
        expect([nodeA.pid, nodeB.pid].map((pid) => `${hostname()}:${pid}`)).toContain(job.pb);
      } finally {
        redisClient.disconnect();
      }
      const planned = [nodeA, nodeB].flatMap((node) =>
        node
          .output()
          .split('\n')
          .filter((line) => line.includes('follow-up scheduled') && line.includes(complaint.callId)),
      );
      expect(planned).toHaveLength(1);
      onA.close();
      onB.close();
    });

    it('ends the call of a node killed mid-call with a recovered recording; the other node carries on', async () => {
      const cookieA = await loginOn(nodeA, 'trainee1');
      const cookieB = await loginOn(nodeB, 'trainee3');
      const onA = await openSoftphone({
        url: proxy.url,
        cookie: cookieA,
        turnWav,
        scenarioId: 'inquiry-rice-cooker',
        hangupAfterMs: 14_000,
      });
      const onB = await openSoftphone({
        url: proxy.url,
        cookie: cookieB,
        turnWav,
        scenarioId: 'complaint-damaged-cup',
        hangupAfterMs: 60_000,
      });
      phones.push(onA, onB);
      const [callOnA, callOnB] = await Promise.all([onA.answered, onB.answered]);
      // Several seconds of B's call reach the shared folder (the recorder flushes every second).
      await sleep(5_000);
      const killedAtMs = Date.now();
      await nodeB.crash();
      await expect(onB.done).rejects.toThrow(/disconnected/);

      const lost = await endedRow(callOnB, 20_000);
      const detectedAfterMs = Date.now() - killedAtMs;
      console.log(`node B's call closed by node A ${detectedAfterMs} ms after kill -9`);
      expect(lost).toMatchObject({ status: 'ended', endedBy: 'system', endReason: 'node-lost' });
      expect(detectedAfterMs).toBeLessThan(10_000);
      expect(lost.durationMs).toBeGreaterThanOrEqual(3_000);
      expect(Math.abs(checkWav(lost.recordingPath!) - lost.durationMs!)).toBeLessThan(100);
      const timeline = JSON.parse(readFileSync(lost.recordingPath!.replace(/\.wav$/, '.json'), 'utf8'));
      expect(timeline).toMatchObject({ callId: callOnB, recovered: true, endedBy: 'system' });

      // The survivor serves the recording, scores the call and frees the agent's seat.
      const admin = await login(nodeA.url, 'admin', 'admin123');
      const download = await fetch(`${nodeA.url}/api/calls/${callOnB}/recording`, {
        headers: { cookie: admin },
      });
      expect(download.status).toBe(200);
      expect((await download.arrayBuffer()).byteLength).toBe(statSync(lost.recordingPath!).size);
      const seatKey = `callsim:router:seat:${await userId('trainee3')}`;
      const redisClient = new Redis(redis.url);
      try {
        expect(await redisClient.hmget(seatKey, 'state', 'reason')).toEqual(['offline', 'node-lost']);
      } finally {
        redisClient.disconnect();
      }
      let scored = 0;
      for (let i = 0; i < 200 && scored === 0; i++) {
        const { rows } = await sql.query('SELECT 1 FROM call_scores WHERE call_id = $1', [callOnB]);
        scored = rows.length;
        if (scored === 0) await sleep(150);
      }
      expect(scored).toBe(1);

      // Node A's call was untouched: it ends by the agent's hang-up, audio flowing throughout.
      const callA = await onA.done;
      expect(callA.callId).toBe(callOnA);
      expect(['agent', 'customer']).toContain(callA.endedBy);
      expect(callA.framesReceived).toBeGreaterThan(0);
      expect(callA.streamedFrames).toBeGreaterThan(500);
      expect(await endedRow(callOnA)).toMatchObject({
        status: 'ended',
        endReason: expect.stringMatching(/hung-up/),
      });

      // B comes back as a new instance and leaves the recovered call alone.
      nodeB = await startNode('b');
      await sleep(2_000);
      expect((await callRow(callOnB)).endedAtMs).toBe(lost.endedAtMs);
      expect(nodeB.output()).not.toContain(callOnB);
    });
  },
);
