// Identifiers: time-ordered, URL-safe, 26 characters (48-bit ms timestamp + 80 random
// bits, Crockford base32 like ULID). Sorting ids sorts by creation time.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastMs = -1;
let lastRandom: Uint8Array = new Uint8Array(10);

/** A new id; ids made in the same millisecond by this process still sort in creation order. */
export function newId(nowMs: number = Date.now()): string {
  let random: Uint8Array;
  if (nowMs === lastMs) {
    random = Uint8Array.from(lastRandom);
    for (let i = random.length - 1; i >= 0; i--) {
      random[i] = ((random[i] ?? 0) + 1) & 0xff;
      if (random[i] !== 0) break;
    }
  } else {
    random = randomBytes(10);
  }
  lastMs = nowMs;
  lastRandom = random;
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let bits = 0;
  let value = 0;
  let tail = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      tail += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return time + tail;
}
