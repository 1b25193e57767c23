#!/usr/bin/env node
// Benchmark: media events on the socket.io wire, socket.io's default parser against callsim's
// (`socketParser` of @callsim/protocol): websocket messages per media event, encode and decode
// µs per event, and CPU µs per round trip (agent frame in, caller frame out) through a real
// loopback server with 20 clients, both ends in this process. Measures only.
// Needs `npm run build` (protocol dist). Usage: node scripts/bench/socket-wire.mjs [--runs 5]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import * as defaultParser from 'socket.io-parser';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

let protocol;
try {
  protocol = await import('@callsim/protocol');
} catch (error) {
  console.log(`socket-wire bench needs the built packages: run \`npm run build\` first (${error.message})`);
  process.exit(1);
}

const CLIENTS = 20;
const FRAMES_PER_CLIENT = 2000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const frame = (seq) => ({ callId: 'c-0123456789abcdef', seq, pcm: new Uint8Array(640) });

/** Encode and decode µs of one media event, as a Node peer receives it (Buffer). */
function codecMicros(parser) {
  const encoder = new parser.Encoder();
  const decoder = new parser.Decoder();
  decoder.on('decoded', () => {});
  const count = 200_000;
  let start = performance.now();
  for (let i = 0; i < count; i++) encoder.encode({ type: 2, nsp: '/', data: ['media:agent', frame(i)] });
  const encodeUs = ((performance.now() - start) * 1000) / count;
  const wire = encoder
    .encode({ type: 2, nsp: '/', data: ['media:agent', frame(1)] })
    .map((m) => (typeof m === 'string' ? m : Buffer.from(m.buffer, m.byteOffset, m.byteLength)));
  start = performance.now();
  for (let i = 0; i < count; i++) for (const message of wire) decoder.add(message);
  return { encodeUs, decodeUs: ((performance.now() - start) * 1000) / count };
}

/** Messages per event each way, and CPU µs per round trip, over real loopback socket.io. */
async function loopback(parser, clientOptions) {
  const http = createServer();
  const server = new Server(http, { parser });
  let messagesIn = 0;
  server.engine.on('connection', (conn) =>
    conn.on('packet', (packet) => {
      if (packet.type === 'message') messagesIn++;
    }),
  );
  server.on('connection', (socket) =>
    socket.on('media:agent', (f) => socket.emit('media:caller', frame(f.seq))),
  );
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${http.address().port}`;
  const clients = [];
  let messagesOut = 0;
  let received = 0;
  for (let i = 0; i < CLIENTS; i++) {
    const client = io(url, { ...clientOptions, transports: ['websocket'] });
    await new Promise((resolve) => client.on('connect', resolve));
    client.io.engine.on('packet', (packet) => {
      if (packet.type === 'message') messagesOut++;
    });
    client.on('media:caller', () => received++);
    clients.push(client);
  }
  const roundTrips = async () => {
    received = 0;
    messagesIn = 0;
    messagesOut = 0;
    const start = process.cpuUsage();
    // 50 frames per client per turn of the event loop, like a second of a live call.
    for (let seq = 0; seq < FRAMES_PER_CLIENT; seq += 50) {
      for (const client of clients) for (let j = 0; j < 50; j++) client.emit('media:agent', frame(seq + j));
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (received < FRAMES_PER_CLIENT * CLIENTS) await new Promise((resolve) => setTimeout(resolve, 1));
    const cpu = process.cpuUsage(start);
    return (cpu.user + cpu.system) / (FRAMES_PER_CLIENT * CLIENTS);
  };
  await roundTrips(); // warm-up
  const cpuUs = [];
  for (let r = 0; r < runs; r++) cpuUs.push(await roundTrips());
  const events = FRAMES_PER_CLIENT * CLIENTS;
  const result = { messagesInPerEvent: messagesIn / events, messagesOutPerEvent: messagesOut / events };
  for (const client of clients) client.close();
  await new Promise((resolve) => server.close(resolve));
  return { ...result, cpuUsPerRoundTrip: median(cpuUs) };
}

const round = (v) => Number(v.toFixed(2));
for (const [name, parser, clientOptions] of [
  ['socket.io default', defaultParser, {}],
  ['callsim', protocol.socketParser, protocol.socketClientOptions()],
]) {
  const codec = codecMicros(parser);
  const wire = await loopback(parser, clientOptions);
  console.log(
    JSON.stringify({
      parser: name,
      messagesInPerEvent: round(wire.messagesInPerEvent),
      messagesOutPerEvent: round(wire.messagesOutPerEvent),
      encodeUs: round(codec.encodeUs),
      decodeUs: round(codec.decodeUs),
      cpuUsPerRoundTrip: round(wire.cpuUsPerRoundTrip),
    }),
  );
}
process.exit(0);
