// The media clock on a real event loop: ticks keep their pace and index, late ticks are run
// back to back and counted, and a tick that falls due while the loop is busy runs only after
// the socket data that arrived meanwhile has been read (so it finds its frames).
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaClock, TICK_MS } from './media-clock.js';

const clocks: MediaClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop();
});

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

describe('MediaClock', () => {
  it('runs one tick per 20 ms with consecutive indexes', async () => {
    const clock = new MediaClock();
    clocks.push(clock);
    const seen: number[] = [];
    const started = performance.now();
    clock.subscribe((tick) => seen.push(tick));
    await new Promise((r) => setTimeout(r, 10 * TICK_MS + 5));
    const elapsedTicks = (performance.now() - started) / TICK_MS;
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
    expect(seen.length).toBeGreaterThanOrEqual(Math.floor(elapsedTicks) - 3);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(elapsedTicks) + 1);
  });

  it('catches up after the loop was held up and counts the late ticks', async () => {
    const clock = new MediaClock();
    clocks.push(clock);
    const seen: number[] = [];
    clock.subscribe((tick) => seen.push(tick));
    await new Promise((r) => setTimeout(r, 2 * TICK_MS));
    busyWait(5 * TICK_MS);
    await new Promise((r) => setTimeout(r, 2 * TICK_MS));
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
    expect(clock.stats.lateTicks).toBeGreaterThanOrEqual(3);
    expect(clock.stats.maxLatenessMs).toBeGreaterThanOrEqual(3 * TICK_MS);
  });

  it('reads the socket data that arrived while the loop was busy before running the late tick', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect(port, '127.0.0.1');
    await once(client, 'connect');
    const [peer] = await accepted;
    try {
      const order: string[] = [];
      peer.on('data', () => order.push('data'));
      const clock = new MediaClock();
      clocks.push(clock);
      let ticks = 0;
      clock.subscribe(() => {
        if (++ticks === 3) order.push('tick');
      });
      // Wait for tick 1, then write and block the loop past tick 3's due time: the frame is
      // on the socket before tick 3 is due, and the loop sees both at once.
      while (ticks < 1) await new Promise((r) => setTimeout(r, 1));
      client.write('frame');
      busyWait(3 * TICK_MS);
      while (ticks < 3 || !order.includes('data')) await new Promise((r) => setTimeout(r, 1));
      expect(order).toEqual(['data', 'tick']);
    } finally {
      client.destroy();
      peer.destroy();
      server.close();
    }
  });
});
