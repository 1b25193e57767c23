// The socket.io parser every callsim peer uses. socket.io's default parser sends an event with
// binary as two websocket messages (a JSON header, then each attachment); at 100 media frames
// per call per second that doubles the writes. This parser keeps the default text format for
// events without binary and packs an event with binary into ONE binary message:
//
//   byte 0          BINARY_FRAME_TAG (0xcb: a callsim binary packet, format 1)
//   byte 1          attachment count n (1..MAX_ATTACHMENTS)
//   bytes 2..5      header length h, u32 little-endian
//   next 4n bytes   byte length of each attachment, u32 little-endian
//   next h bytes    header: ASCII JSON [type, nsp, id | null, data], each binary replaced by {"$binary": index}
//   the rest        the attachments, back to back
//
// Guarantees: binary sent as an ArrayBuffer or any typed array arrives as a Uint8Array (a view
// into the received message, maybe unaligned), in Node and in the browser; a peer on socket.io's
// default parser is refused with an Error that says so. A {"$binary": n} object in a payload is
// reserved for this format.
import { Decoder, Encoder, isPacketValid, type Packet, PacketType } from 'socket.io-parser';

/** Names this wire format; clients send it at handshake and the server refuses any other. */
export const SOCKET_WIRE_FORMAT = 'callsim-binary-frame/1';

const BINARY_FRAME_TAG = 0xcb;
const MAX_ATTACHMENTS = 10;
const PLACEHOLDER_KEY = '$binary';
const FIXED_HEADER_BYTES = 6;
const NON_ASCII = /[\u0080-\uffff]/g;

/** Encodes packets: text as socket.io does, a packet carrying binary as one binary message. */
class CallsimEncoder extends Encoder {
  override encode(packet: Packet): (string | Uint8Array)[] {
    if (packet.type !== PacketType.EVENT && packet.type !== PacketType.ACK) return super.encode(packet);
    const attachments: Uint8Array[] = [];
    const data = withPlaceholders(packet.data, attachments);
    if (attachments.length === 0) return super.encode(packet);
    if (attachments.length > MAX_ATTACHMENTS)
      throw new Error(`socket packet has ${attachments.length} binary parts; at most ${MAX_ATTACHMENTS}`);
    return [binaryFrame(JSON.stringify([packet.type, packet.nsp, packet.id ?? null, data]), attachments)];
  }
}

/** Decodes what CallsimEncoder produces; emits `decoded` with each packet. */
class CallsimDecoder extends Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === 'string') {
      const type = chunk.charCodeAt(0) - 48;
      if (type === PacketType.BINARY_EVENT || type === PacketType.BINARY_ACK) throw mismatch();
      super.add(chunk);
      return;
    }
    if (chunk instanceof ArrayBuffer) this.emitReserved('decoded', decodeBinaryFrame(new Uint8Array(chunk)));
    else if (ArrayBuffer.isView(chunk))
      this.emitReserved(
        'decoded',
        decodeBinaryFrame(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      );
    else throw new Error('socket message is neither text nor binary');
  }
}

/** `parser` option of the socket.io Server and of every socket.io client. */
export const socketParser = { Encoder: CallsimEncoder, Decoder: CallsimDecoder } as const;

/**
 * Options every socket.io client spreads into `io(url, { ... })`: the parser, and the wire
 * format named in the handshake so the server can refuse a client without them clearly.
 */
export function socketClientOptions(): { parser: typeof socketParser; auth: { wire: string } } {
  return { parser: socketParser, auth: { wire: SOCKET_WIRE_FORMAT } };
}

function mismatch(): Error {
  return new Error(
    `socket peer sent binary as separate attachments (socket.io's default parser); callsim peers use socketParser (${SOCKET_WIRE_FORMAT})`,
  );
}

/** `value` with every binary replaced by a placeholder; copies only the objects on the way to a binary. */
function withPlaceholders(value: unknown, attachments: Uint8Array[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof ArrayBuffer) return placeholder(new Uint8Array(value), attachments);
  if (ArrayBuffer.isView(value))
    return placeholder(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), attachments);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const replaced = withPlaceholders(item, attachments);
      if (replaced !== item) {
        copy ??= value.slice();
        copy[i] = replaced;
      }
    }
    return copy ?? value;
  }
  // JSON.stringify calls toJSON (Date…); such values are serialized as they are.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const replaced = withPlaceholders(item, attachments);
    if (replaced !== item) {
      copy ??= { ...record };
      copy[key] = replaced;
    }
  }
  return copy ?? value;
}

function placeholder(bytes: Uint8Array, attachments: Uint8Array[]): { [PLACEHOLDER_KEY]: number } {
  attachments.push(bytes);
  return { [PLACEHOLDER_KEY]: attachments.length - 1 };
}

function binaryFrame(header: string, attachments: Uint8Array[]): Uint8Array {
  const tableBytes = FIXED_HEADER_BYTES + 4 * attachments.length;
  // A trailing space (valid JSON) puts the audio at an even offset, so the receiver can read
  // 16-bit samples in place instead of copying them.
  const json = (tableBytes + header.length) % 2 === 0 ? header : `${header} `;
  let totalBytes = tableBytes + json.length;
  for (const a of attachments) totalBytes += a.byteLength;
  const frame = allocateBytes(totalBytes);
  // The header is ASCII, written and read one byte per char: no TextEncoder, same in Node and
  // browsers. JSON escapes let the rare non-ASCII char through as \uXXXX.
  let offset = tableBytes;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code > 0x7f) return binaryFrame(json.replace(NON_ASCII, jsonEscape), attachments);
    frame[offset++] = code;
  }
  frame[0] = BINARY_FRAME_TAG;
  frame[1] = attachments.length;
  writeUint32(frame, 2, json.length);
  for (let i = 0; i < attachments.length; i++) {
    const bytes = attachments[i]!;
    writeUint32(frame, FIXED_HEADER_BYTES + 4 * i, bytes.byteLength);
    frame.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return frame;
}

function jsonEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = (value >>> 8) & 0xff;
  bytes[offset + 2] = (value >>> 16) & 0xff;
  bytes[offset + 3] = value >>> 24;
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16)) + bytes[offset + 3]! * 0x1000000
  );
}

function decodeBinaryFrame(frame: Uint8Array): Packet {
  if (frame.byteLength < FIXED_HEADER_BYTES || frame[0] !== BINARY_FRAME_TAG) throw mismatch();
  const count = frame[1]!;
  const headerBytes = readUint32(frame, 2);
  let offset = FIXED_HEADER_BYTES + 4 * count;
  if (count === 0 || count > MAX_ATTACHMENTS || offset + headerBytes > frame.byteLength)
    throw new Error('malformed callsim binary packet header');
  const header = asciiText(frame.subarray(offset, offset + headerBytes));
  offset += headerBytes;
  const attachments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const length = readUint32(frame, FIXED_HEADER_BYTES + 4 * i);
    if (offset + length > frame.byteLength) throw new Error('callsim binary packet is truncated');
    attachments.push(frame.subarray(offset, offset + length));
    offset += length;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    throw new Error('callsim binary packet header is not JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4)
    throw new Error('malformed callsim binary packet header');
  const [type, nsp, id, data] = parsed as [unknown, unknown, unknown, unknown];
  const packet = {
    type: type as PacketType,
    nsp: nsp as string,
    data: restoreBinary(data, attachments),
    ...(id === null ? {} : { id: id as number }),
  };
  if ((type !== PacketType.EVENT && type !== PacketType.ACK) || !isPacketValid(packet))
    throw new Error('invalid callsim binary packet');
  return packet;
}

/** Puts the attachments back where the placeholders are (in place: `value` is freshly parsed JSON). */
function restoreBinary(value: unknown, attachments: Uint8Array[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreBinary(value[i], attachments);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (PLACEHOLDER_KEY in record) {
    const index = record[PLACEHOLDER_KEY];
    const bytes = Number.isInteger(index) ? attachments[index as number] : undefined;
    if (!bytes) throw new Error('callsim binary packet names a missing attachment');
    return bytes;
  }
  for (const key of Object.keys(record)) record[key] = restoreBinary(record[key], attachments);
  return record;
}

function asciiText(bytes: Uint8Array): string {
  let text = '';
  // fromCharCode takes its arguments on the stack: read long headers in slices.
  for (let i = 0; i < bytes.length; i += 4096)
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return text;
}

type PooledAllocator = { allocUnsafe(size: number): Uint8Array };

/**
 * A zeroed-or-overwritten byte array for one outgoing message. In Node, small Buffers come out
 * of a shared pool instead of one ArrayBuffer each (a media stream sends 50 a second per call);
 * browsers get a plain Uint8Array. Every byte is written by binaryFrame.
 */
function allocateBytes(size: number): Uint8Array {
  const pooled = (globalThis as { Buffer?: PooledAllocator }).Buffer;
  return pooled ? pooled.allocUnsafe(size) : new Uint8Array(size);
}
