// Lays out a scenario's dialogue graph for the SVG diagram: turns in layers by distance
// from `start` (top to bottom), ordered to reduce crossings, unreachable turns in a last
// row, a ghost box for every goto that names no turn. Pure: numbers in, numbers out.
import type { DialogueGraphDto, GraphConditionDto, GraphTurnDto } from '@callsim/protocol';

export const BOX_WIDTH_PX = 200;
export const BOX_HEIGHT_PX = 88;
/** Wide enough for an arrow label (at most LABEL_MAX_PX) between two boxes. */
const GAP_X_PX = 116;
const GAP_Y_PX = 112;
const MARGIN_PX = 32;
/** Room on the sides for edges that go back up, and their labels. */
const SIDE_PX = 150;
/** Widest arrow label; longer ones are cut (the full text is in the tooltip). */
export const LABEL_MAX_PX = 104;

export interface LaidOutNode {
  readonly id: string;
  /** `missing`: a goto target that is not a turn. */
  readonly kind: 'turn' | 'missing';
  readonly turn: GraphTurnDto | null;
  readonly layer: number;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly start: boolean;
  readonly reachable: boolean;
}

export interface LaidOutEdge {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly when: GraphConditionDto | null;
  /** SVG path data. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  /** Where the label sits relative to (labelX, labelY), as SVG text-anchor. */
  readonly labelAnchor: 'start' | 'middle' | 'end';
  readonly direction: 'down' | 'across' | 'up' | 'self';
  readonly missing: boolean;
}

export interface GraphLayout {
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
  readonly widthPx: number;
  readonly heightPx: number;
  readonly unreachable: readonly string[];
}

const ghostId = (goto: string) => `\u0000${goto}`;

/** Positions every turn and branch of `graph`. */
export function layoutGraph(graph: DialogueGraphDto): GraphLayout {
  const turns = new Map(graph.turns.map((t) => [t.id, t]));
  const layerOf = new Map<string, number>();
  const order: string[] = [];
  if (graph.start !== null && turns.has(graph.start)) {
    layerOf.set(graph.start, 0);
    order.push(graph.start);
    for (let i = 0; i < order.length; i++) {
      const id = order[i] ?? '';
      for (const branch of turns.get(id)?.next ?? []) {
        if (!branch.known || layerOf.has(branch.goto)) continue;
        layerOf.set(branch.goto, (layerOf.get(id) ?? 0) + 1);
        order.push(branch.goto);
      }
    }
  }
  const reachableCount = order.length;
  const unreachable = graph.turns.filter((t) => !layerOf.has(t.id)).map((t) => t.id);
  const lastLayer = Math.max(-1, ...layerOf.values());
  for (const id of unreachable) {
    layerOf.set(id, lastLayer + 1);
    order.push(id);
  }
  // Ghost boxes for gotos to nowhere, one layer below their first source.
  for (const turn of graph.turns) {
    for (const branch of turn.next) {
      if (branch.known) continue;
      const ghost = ghostId(branch.goto);
      const layer = (layerOf.get(turn.id) ?? 0) + 1;
      if (!layerOf.has(ghost) || (layerOf.get(ghost) ?? 0) > layer) layerOf.set(ghost, layer);
      if (!order.includes(ghost)) order.push(ghost);
    }
  }

  const layerCount = Math.max(0, ...layerOf.values()) + 1;
  const rows: string[][] = Array.from({ length: layerCount }, () => []);
  for (const id of order) rows[layerOf.get(id) ?? 0]?.push(id);
  const target = (goto: string, known: boolean) => (known ? goto : ghostId(goto));
  const parents = new Map<string, string[]>();
  for (const turn of graph.turns)
    for (const branch of turn.next) {
      const to = target(branch.goto, branch.known);
      if ((layerOf.get(to) ?? 0) === (layerOf.get(turn.id) ?? 0) + 1)
        parents.set(to, [...(parents.get(to) ?? []), turn.id]);
    }
  // Barycenter sweeps: each box moves toward the average place of its parents.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let layer = 1; layer < rows.length; layer++) {
      const above = rows[layer - 1] ?? [];
      const row = rows[layer] ?? [];
      const place = new Map(row.map((id, i) => [id, i]));
      const score = (id: string) => {
        const ps = (parents.get(id) ?? []).map((p) => above.indexOf(p)).filter((i) => i >= 0);
        const own = ((place.get(id) ?? 0) / Math.max(1, row.length)) * Math.max(1, above.length);
        return ps.length === 0 ? own : ps.reduce((a, b) => a + b, 0) / ps.length;
      };
      row.sort((a, b) => score(a) - score(b) || (place.get(a) ?? 0) - (place.get(b) ?? 0));
    }
  }

  const widest = Math.max(1, ...rows.map((r) => r.length));
  const innerWidth = widest * BOX_WIDTH_PX + (widest - 1) * GAP_X_PX;
  const widthPx = innerWidth + 2 * (MARGIN_PX + SIDE_PX);
  const heightPx = layerCount * BOX_HEIGHT_PX + Math.max(0, layerCount - 1) * GAP_Y_PX + 2 * MARGIN_PX;
  const nodes = new Map<string, LaidOutNode>();
  rows.forEach((row, layer) => {
    const rowWidth = row.length * BOX_WIDTH_PX + Math.max(0, row.length - 1) * GAP_X_PX;
    const left = MARGIN_PX + SIDE_PX + (innerWidth - rowWidth) / 2;
    row.forEach((id, i) => {
      const turn = turns.get(id) ?? null;
      nodes.set(id, {
        id: turn ? id : id.slice(1),
        kind: turn ? 'turn' : 'missing',
        turn,
        layer,
        x: left + i * (BOX_WIDTH_PX + GAP_X_PX),
        y: MARGIN_PX + layer * (BOX_HEIGHT_PX + GAP_Y_PX),
        start: id === graph.start,
        reachable: order.indexOf(id) < reachableCount && turn !== null,
      });
    });
  });

  const edges: LaidOutEdge[] = [];
  for (const turn of graph.turns) {
    const from = nodes.get(turn.id);
    if (from === undefined) continue;
    turn.next.forEach((branch, k) => {
      const to = nodes.get(target(branch.goto, branch.known));
      if (to === undefined) return;
      const route = routeEdge(from, to, k, turn.next.length);
      edges.push({
        key: `${turn.id}:${k}`,
        from: turn.id,
        to: to.id,
        when: branch.when,
        ...route,
        missing: !branch.known,
      });
    });
  }
  return { nodes: [...nodes.values()], edges, widthPx, heightPx, unreachable };
}

type Route = Pick<LaidOutEdge, 'path' | 'labelX' | 'labelY' | 'labelAnchor' | 'direction'>;
type Point = readonly [number, number];

function routeEdge(from: LaidOutNode, to: LaidOutNode, index: number, count: number): Route {
  const spread = (i: number, n: number) => ((i + 1) / (n + 1)) * BOX_WIDTH_PX;
  const curve = (p0: Point, p1: Point, p2: Point, p3: Point) =>
    `M ${p0[0]} ${p0[1]} C ${p1[0]} ${p1[1]}, ${p2[0]} ${p2[1]}, ${p3[0]} ${p3[1]}`;
  if (from === to) {
    const x = from.x + BOX_WIDTH_PX;
    const y = from.y + BOX_HEIGHT_PX / 2;
    return {
      path: curve([x, y - 14], [x + 60, y - 40], [x + 60, y + 40], [x, y + 14]),
      labelX: x + 50,
      labelY: y,
      labelAnchor: 'start',
      direction: 'self',
    };
  }
  if (to.layer > from.layer) {
    // Down: out of the bottom (branches spread left to right), into the top of the target.
    const p0: Point = [from.x + spread(index, count), from.y + BOX_HEIGHT_PX];
    const p3: Point = [to.x + BOX_WIDTH_PX / 2, to.y];
    const dy = (p3[1] - p0[1]) / 2;
    const p1: Point = [p0[0], p0[1] + dy];
    const p2: Point = [p3[0], p3[1] - dy];
    // Labels of one turn's branches are stacked in the gap under it, so they never overlap each other.
    const labelY = p0[1] + Math.min(GAP_Y_PX - 12, 16 + index * 19);
    const t = solveMonotonic((u) => cubicAt(p0, p1, p2, p3, u)[1], labelY);
    return {
      path: curve(p0, p1, p2, p3),
      labelX: cubicAt(p0, p1, p2, p3, t)[0],
      labelY,
      labelAnchor: 'middle',
      direction: 'down',
    };
  }
  if (to.layer === from.layer) {
    // Across one row: under it, from the bottom of one box to the bottom of the other.
    const rightward = to.x > from.x;
    const p0: Point = [from.x + BOX_WIDTH_PX * (rightward ? 0.8 : 0.2), from.y + BOX_HEIGHT_PX];
    const p3: Point = [to.x + BOX_WIDTH_PX * (rightward ? 0.2 : 0.8), to.y + BOX_HEIGHT_PX];
    const drop = 44 + 12 * index;
    const p1: Point = [p0[0], p0[1] + drop];
    const p2: Point = [p3[0], p3[1] + drop];
    const [labelX, labelY] = cubicAt(p0, p1, p2, p3, 0.5);
    return { path: curve(p0, p1, p2, p3), labelX, labelY, labelAnchor: 'middle', direction: 'across' };
  }
  // Up: leave and enter on the side facing the target, bulging outwards; the label sits just outside the source.
  const leftSide = to.x + BOX_WIDTH_PX / 2 < from.x + BOX_WIDTH_PX / 2;
  const p0: Point = [
    leftSide ? from.x : from.x + BOX_WIDTH_PX,
    from.y + BOX_HEIGHT_PX / 2 + (index - (count - 1) / 2) * 10,
  ];
  const p3: Point = [leftSide ? to.x : to.x + BOX_WIDTH_PX, to.y + BOX_HEIGHT_PX / 2];
  const bulge = (leftSide ? -1 : 1) * (48 + 24 * Math.min(3, from.layer - to.layer));
  return {
    path: curve(p0, [p0[0] + bulge, p0[1]], [p3[0] + bulge, p3[1]], p3),
    labelX: p0[0] + (leftSide ? -6 : 6),
    labelY: p0[1] + 12,
    labelAnchor: leftSide ? 'end' : 'start',
    direction: 'up',
  };
}

/** The t in [0, 1] where the increasing function `f` reaches `target` (bisection). */
function solveMonotonic(f: (t: number) => number, target: number): number {
  let low = 0;
  let high = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (low + high) / 2;
    if (f(mid) < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function cubicAt(p0: Point, p1: Point, p2: Point, p3: Point, t: number): [number, number] {
  const u = 1 - t;
  const at = (i: 0 | 1) =>
    u * u * u * p0[i] + 3 * u * u * t * p1[i] + 3 * u * t * t * p2[i] + t * t * t * p3[i];
  return [at(0), at(1)];
}
