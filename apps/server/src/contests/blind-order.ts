// Blindness helpers: the per-voter entry order and neutral entry labels and keys.
// Guarantees: a voter sees the same order on every visit (stable), different voters see
// independent orders, and nobody can predict an order without the contest's secret.
import { createHmac, randomBytes } from 'node:crypto';

/**
 * Orders `items` for one viewer: by HMAC-SHA256(secret, viewerId ‖ item id). Stable per
 * (secret, viewer, set of items); adding an entry does not reshuffle the others' relative order.
 */
export function orderForViewer<T extends { id: string }>(
  items: readonly T[],
  secret: string,
  viewerId: string,
): T[] {
  const rank = new Map<string, string>();
  for (const item of items) {
    rank.set(item.id, createHmac('sha256', secret).update(`${viewerId}\u0000${item.id}`).digest('hex'));
  }
  return [...items].sort((a, b) => (rank.get(a.id)! < rank.get(b.id)! ? -1 : 1));
}

// No I/O/0/1 look-alikes; labels read well aloud in Chinese and English classrooms.
const LABEL_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LABEL_DIGITS = '23456789';

/**
 * A random neutral label: a letter and a digit ("K7"), or more digits after `attempt` ≥ 20
 * (the caller retries on a clash; 192 two-character labels per contest).
 */
export function randomLabel(attempt = 0): string {
  const digits = attempt < 20 ? 1 : 2 + Math.floor((attempt - 20) / 20);
  const bytes = randomBytes(1 + digits);
  let label = LABEL_LETTERS[bytes[0]! % LABEL_LETTERS.length]!;
  for (let i = 1; i <= digits; i++) label += LABEL_DIGITS[bytes[i]! % LABEL_DIGITS.length]!;
  return label;
}

/** An unguessable URL-safe key (24 characters) for an entry or a secret. */
export function randomKey(): string {
  return randomBytes(18).toString('base64url');
}
