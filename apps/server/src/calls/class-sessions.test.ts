// Class sessions over real REST and socket.io: a teacher starts one, a ready trainee of
// the class gets a call offer, a trainee of another class does not, and a teacher of
// another class is refused.
import { socketClientOptions } from '@callsim/protocol';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestServer, type TestServer } from '../testing/test-server.js';

let t: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

async function readyTrainee(
  username: string,
  password: string,
): Promise<{ socket: Socket; offers: string[] }> {
  const cookie = await login(t.url, username, password);
  const socket = connect(t.url, {
    ...socketClientOptions(),
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { cookie },
  });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('session:hello', resolve));
  const offers: string[] = [];
  socket.on('call:offer', (offer: { scenarioId: string }) => offers.push(offer.scenarioId));
  const status = await socket.timeout(5000).emitWithAck('agent:set-status', { state: 'ready' });
  expect(status.ok).toBe(true);
  return { socket, offers };
}

describe('class sessions', () => {
  it('offers calls to the ready trainees of the class only', async () => {
    const admin = await login(t.url, 'admin', 'admin123');
    const other = await fetch(`${t.url}/api/users`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'outsider',
        password: 'password1',
        role: 'trainee',
        className: '另一个班',
      }),
    });
    expect(other.status).toBe(201);
    const inClass = await readyTrainee('trainee1', 'trainee123');
    const outsider = await readyTrainee('outsider', 'password1');

    const teacher = await login(t.url, 'teacher', 'teacher123');
    const classes = (await (
      await fetch(`${t.url}/api/classes`, { headers: { cookie: teacher } })
    ).json()) as { id: string }[];
    const started = await fetch(`${t.url}/api/classes/${classes[0]!.id}/sessions`, {
      method: 'POST',
      headers: { cookie: teacher, 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioIds: ['inquiry-rice-cooker'], intervalSec: 60, durationMin: 5 }),
    });
    expect(started.status).toBe(201);
    await expect.poll(() => inClass.offers.length, { timeout: 10_000 }).toBe(1);
    expect(inClass.offers[0]).toBe('inquiry-rice-cooker');
    await new Promise((r) => setTimeout(r, 500));
    expect(outsider.offers).toEqual([]);

    const all = (await (await fetch(`${t.url}/api/classes`, { headers: { cookie: admin } })).json()) as {
      id: string;
      name: string;
    }[];
    const otherClass = all.find((c) => c.name === '另一个班')!;
    const refused = await fetch(`${t.url}/api/classes/${otherClass.id}/sessions`, {
      method: 'POST',
      headers: { cookie: teacher, 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioIds: ['inquiry-rice-cooker'] }),
    });
    expect(refused.status).toBe(403);
    const unknown = await fetch(`${t.url}/api/classes/${classes[0]!.id}/sessions`, {
      method: 'POST',
      headers: { cookie: teacher, 'content-type': 'application/json' },
      body: JSON.stringify({ scenarioIds: ['no-such-scenario'] }),
    });
    expect(unknown.status).toBe(404);
  });
});
