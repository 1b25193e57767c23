// The diagram's layout: layers by distance from start, unreachable turns flagged in the
// last row, a ghost box for a goto to nowhere, one edge per branch with the default kept.
import type { DialogueGraphDto, GraphBranchDto, GraphTurnDto } from '@callsim/protocol';
import { describe, expect, it } from 'vitest';
import { BOX_HEIGHT_PX, BOX_WIDTH_PX, layoutGraph } from './graph-layout.js';

const branch = (goto: string, when: GraphBranchDto['when'] = null, known = true): GraphBranchDto => ({
  goto,
  when,
  known,
  line: 1,
});
const turn = (id: string, next: GraphBranchDto[], end = false): GraphTurnDto => ({
  id,
  line: 1,
  say: id,
  sayText: id,
  end,
  audio: null,
  audioExists: false,
  onSilence: null,
  next,
  voice: null,
});

const graph: DialogueGraphDto = {
  start: 'opening',
  locale: 'zh-CN',
  onSilence: null,
  turns: [
    turn('opening', [branch('calmer', { step: ['empathy'] }), branch('angrier')]),
    turn('calmer', [
      branch('bye', { says: ['谢谢'] }),
      branch('calmr', { step: ['x'] }, false),
      branch('opening'),
    ]),
    turn('angrier', [branch('bye')]),
    turn('bye', [], true),
    turn('orphan', [branch('bye')]),
  ],
};

describe('layoutGraph', () => {
  const layout = layoutGraph(graph);
  const node = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('puts turns in layers by distance from start and flags unreachable ones', () => {
    expect(node('opening')).toMatchObject({ layer: 0, start: true, reachable: true });
    expect(node('calmer').layer).toBe(1);
    expect(node('angrier').layer).toBe(1);
    expect(node('bye').layer).toBe(2);
    expect(node('orphan')).toMatchObject({ layer: 3, reachable: false });
    expect(layout.unreachable).toEqual(['orphan']);
    expect(node('calmer').y).toBeGreaterThan(node('opening').y + BOX_HEIGHT_PX);
  });

  it('draws a ghost box for a goto to nowhere and one edge per branch', () => {
    expect(node('calmr')).toMatchObject({ kind: 'missing', layer: 2, reachable: false });
    expect(layout.edges).toHaveLength(7);
    const missing = layout.edges.find((e) => e.to === 'calmr')!;
    expect(missing).toMatchObject({ missing: true, from: 'calmer', direction: 'down' });
    const back = layout.edges.find((e) => e.from === 'calmer' && e.to === 'opening')!;
    expect(back).toMatchObject({ direction: 'up', when: null });
    expect(layout.edges.find((e) => e.from === 'opening' && e.to === 'calmer')?.when).toEqual({
      step: ['empathy'],
    });
  });

  it('keeps boxes apart and inside the drawing', () => {
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + BOX_WIDTH_PX).toBeLessThanOrEqual(layout.widthPx);
      expect(a.y + BOX_HEIGHT_PX).toBeLessThanOrEqual(layout.heightPx);
      for (const b of layout.nodes)
        if (a !== b && a.layer === b.layer) expect(Math.abs(a.x - b.x)).toBeGreaterThanOrEqual(BOX_WIDTH_PX);
    }
  });

  it('answers an empty drawing for a graph without a start', () => {
    const empty = layoutGraph({ start: null, locale: null, onSilence: null, turns: [] });
    expect(empty.nodes).toEqual([]);
    expect(empty.edges).toEqual([]);
  });
});
