// Blind voting: each voter's order is stable across visits, differs between voters, and
// labels carry no information about who nominated when.
import { describe, expect, it } from 'vitest';
import { orderForViewer, randomKey, randomLabel } from './blind-order.js';

const entries = Array.from({ length: 12 }, (_, i) => ({ id: `entry-${i}` }));

describe('orderForViewer', () => {
  it('gives a voter the same order every time and other voters other orders', () => {
    const first = orderForViewer(entries, 'secret', 'voter-a').map((e) => e.id);
    expect(orderForViewer([...entries].reverse(), 'secret', 'voter-a').map((e) => e.id)).toEqual(first);
    const others = ['voter-b', 'voter-c', 'voter-d'].map((v) =>
      orderForViewer(entries, 'secret', v)
        .map((e) => e.id)
        .join(),
    );
    expect(others.filter((o) => o !== first.join()).length).toBeGreaterThanOrEqual(2);
    expect(new Set(first)).toEqual(new Set(entries.map((e) => e.id)));
  });

  it('depends on the contest secret', () => {
    const a = orderForViewer(entries, 'secret-1', 'voter-a')
      .map((e) => e.id)
      .join();
    const b = orderForViewer(entries, 'secret-2', 'voter-a')
      .map((e) => e.id)
      .join();
    expect(a).not.toBe(b);
  });
});

describe('labels and keys', () => {
  it('makes a letter-digit label without look-alike characters, longer after many clashes', () => {
    for (let i = 0; i < 200; i++) expect(randomLabel()).toMatch(/^[A-HJ-NP-Z][2-9]$/);
    expect(randomLabel(25)).toMatch(/^[A-HJ-NP-Z][2-9]{2}$/);
  });

  it('makes unguessable URL-safe keys', () => {
    const keys = new Set(Array.from({ length: 500 }, () => randomKey()));
    expect(keys.size).toBe(500);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
