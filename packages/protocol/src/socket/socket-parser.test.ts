// The callsim socket parser against socket.io's own: one message per media event, payloads
// intact whatever the binary's type or the text's script, and a clear refusal of a peer on the
// default parser instead of a garbled frame.
import * as defaultParser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { readMediaFrame } from './calls.js';
import { socketParser } from './socket-parser.js';

type Packet = defaultParser.Packet;

/** Encodes with `encoder` and decodes what a peer would receive (Node: Buffer, browser: ArrayBuffer). */
function roundTrip(
  packet: Packet,
  as: 'buffer' | 'arraybuffer' = 'buffer',
): { messages: number; decoded: Packet[] } {
  const messages = new socketParser.Encoder().encode(packet);
  const decoder = new socketParser.Decoder();
  const decoded: Packet[] = [];
  decoder.on('decoded', (p) => decoded.push(p));
  for (const message of messages) {
    if (typeof message === 'string') decoder.add(message);
    else if (as === 'buffer') decoder.add(Buffer.from(message));
    // A copy: a Node Buffer's slice() would be a view into the shared pool.
    else decoder.add(new Uint8Array(message).buffer);
  }
  return { messages: messages.length, decoded };
}

const pcm = () => Uint8Array.from({ length: 640 }, (_, i) => i % 251);

describe('socketParser', () => {
  it('sends a media event as one binary message and delivers pcm as a 640-byte Uint8Array', () => {
    for (const as of ['buffer', 'arraybuffer'] as const) {
      const frame = { callId: 'c-1', seq: 42, pcm: pcm() };
      const { messages, decoded } = roundTrip({ type: 2, nsp: '/', data: ['media:agent', frame] }, as);
      expect(messages).toBe(1);
      expect(decoded).toHaveLength(1);
      const [name, payload] = decoded[0]!.data as [string, unknown];
      expect(name).toBe('media:agent');
      const read = readMediaFrame(payload);
      expect(read?.pcm).toBeInstanceOf(Uint8Array);
      expect(read).toEqual({ callId: 'c-1', seq: 42, pcm: pcm() });
    }
  });

  it('accepts an ArrayBuffer, a Buffer or an Int16Array view as binary', () => {
    const samples = new Int16Array([1, -2, 300, -32768, 32767, 0]);
    for (const binary of [samples.buffer, Buffer.from(samples.buffer), samples.subarray(2, 5)]) {
      const { decoded } = roundTrip({ type: 2, nsp: '/', data: ['x', { bin: binary }] });
      const bytes = (decoded[0]!.data as [string, { bin: Uint8Array }])[1].bin;
      const expected = ArrayBuffer.isView(binary)
        ? new Uint8Array(binary.buffer, binary.byteOffset, binary.byteLength)
        : new Uint8Array(binary);
      expect([...bytes]).toEqual([...expected]);
    }
  });

  it('keeps namespaces, ack ids, nested binaries and non-ASCII text', () => {
    const packet: Packet = {
      type: 3,
      nsp: '/admin',
      id: 7,
      data: [{ text: '您好，欢迎致电 😀', parts: [new Uint8Array([1, 2]), { deep: new Uint8Array([3]) }] }],
    };
    const { messages, decoded } = roundTrip(packet);
    expect(messages).toBe(1);
    expect(decoded).toEqual([
      {
        type: 3,
        nsp: '/admin',
        id: 7,
        data: [{ text: '您好，欢迎致电 😀', parts: [new Uint8Array([1, 2]), { deep: new Uint8Array([3]) }] }],
      },
    ]);
  });

  it('sends events without binary as socket.io text, unchanged', () => {
    const packet: Packet = { type: 2, nsp: '/', id: 3, data: ['call:hangup', { callId: 'c-1' }] };
    expect(new socketParser.Encoder().encode(packet)).toEqual(new defaultParser.Encoder().encode(packet));
    expect(roundTrip(packet).decoded).toEqual([packet]);
  });

  it("refuses a peer on socket.io's default parser, saying so", () => {
    const fromDefault = new defaultParser.Encoder().encode({
      type: 2,
      nsp: '/',
      data: ['media:agent', { callId: 'c-1', seq: 0, pcm: pcm() }],
    });
    expect(fromDefault).toHaveLength(2);
    const decoder = new socketParser.Decoder();
    expect(() => decoder.add(fromDefault[0])).toThrow(/default parser/);
    expect(() => new socketParser.Decoder().add(Buffer.from(pcm()))).toThrow(/default parser/);
  });

  it('rejects malformed binary messages with an Error, never a half-built packet', () => {
    const good = new socketParser.Encoder().encode({ type: 2, nsp: '/', data: ['x', new Uint8Array(8)] })[0];
    const bytes = Buffer.from(good as Uint8Array);
    const truncated = bytes.subarray(0, bytes.length - 1);
    const badHeader = Buffer.from(bytes);
    badHeader[bytes.length - 9] = 0x7b; // the header's closing bracket
    for (const message of [truncated, badHeader, Buffer.from([0xcb, 0, 0, 0, 0, 0])]) {
      const decoder = new socketParser.Decoder();
      const decoded: Packet[] = [];
      decoder.on('decoded', (p) => decoded.push(p));
      expect(() => decoder.add(message)).toThrow(Error);
      expect(decoded).toEqual([]);
    }
  });
});

describe('readMediaFrame', () => {
  it('takes a well-formed packet of one to three whole frames and drops anything else', () => {
    for (const bytes of [640, 1280, 1920])
      expect(readMediaFrame({ callId: 'c', seq: 0, pcm: new Uint8Array(bytes) })?.pcm.byteLength).toBe(bytes);
    for (const bad of [
      null,
      'frame',
      { callId: '', seq: 0, pcm: new Uint8Array(640) },
      { callId: 'c'.repeat(65), seq: 0, pcm: new Uint8Array(640) },
      { callId: 'c', seq: -1, pcm: new Uint8Array(640) },
      { callId: 'c', seq: 1.5, pcm: new Uint8Array(640) },
      { callId: 'c', seq: '1', pcm: new Uint8Array(640) },
      { callId: 'c', seq: 0, pcm: new Uint8Array(639) },
      { callId: 'c', seq: 0, pcm: new Uint8Array(0) },
      { callId: 'c', seq: 0, pcm: new Uint8Array(1000) },
      { callId: 'c', seq: 0, pcm: new Uint8Array(2560) },
      { callId: 'c', seq: 0, pcm: new Array(640).fill(0) },
      { callId: 'c', seq: 0 },
    ])
      expect(readMediaFrame(bad)).toBeUndefined();
  });
});
