// The scenario's dialogue drawn as an SVG diagram: one box per customer line in layers
// from `start`, arrows labelled with their condition (or "default"), end turns and
// unreachable turns marked, gotos to nowhere in red. Each box plays (▶) or records (●) its line.
import type { DialogueGraphDto, GraphTurnDto } from '@callsim/protocol';
import { Button, Space, Tag, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { BOX_HEIGHT_PX, BOX_WIDTH_PX, LABEL_MAX_PX, type LaidOutNode, layoutGraph } from './graph-layout.js';
import { whenLabel } from './when-label.js';

export interface DialogueGraphProps {
  graph: DialogueGraphDto;
  /** Jump the editor to a line of the file. */
  onGoToLine: (line: number) => void;
  onPlay: (turn: GraphTurnDto) => void;
  onRecord: (turn: GraphTurnDto) => void;
  /** The turn whose line is playing (its ▶ shows ■). */
  playingTurn: string | null;
  /** Why recording is not possible now (e.g. unsaved changes); null when it is. */
  recordBlockedReason: string | null;
}

const COLORS = {
  box: { fill: '#ffffff', stroke: '#1677ff' },
  end: { fill: '#f6ffed', stroke: '#52c41a' },
  unreachable: { fill: '#fff7e6', stroke: '#fa8c16' },
  missing: { fill: '#fff1f0', stroke: '#ff4d4f' },
  when: '#1677ff',
  fallback: '#8c8c8c',
  broken: '#ff4d4f',
} as const;

const WIDE = /[\u2e80-\u9fff\uff00-\uffef]/;
const LABEL_FONT_PX = 10.5;

/** Rough rendered width of `text` at `fontPx` (CJK ≈ 1 em, Latin ≈ 0.55 em a character). */
function textWidthPx(text: string, fontPx: number): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? fontPx : fontPx * 0.55;
  return width;
}

/** Cuts `text` to about `maxPx` pixels at `fontPx`. */
function fit(text: string, maxPx: number, fontPx = 12): string {
  if (textWidthPx(text, fontPx) <= maxPx) return text;
  let out = '';
  for (const ch of text) {
    if (textWidthPx(`${out}${ch}…`, fontPx) > maxPx) break;
    out += ch;
  }
  return `${out}…`;
}

/** `text` in at most two lines of `maxPx` (the second cut with …). */
function twoLines(text: string, maxPx: number): string[] {
  const first = fit(text, maxPx);
  if (!first.endsWith('…')) return [text];
  const head = first.slice(0, -1);
  return [head, fit(text.slice(head.length), maxPx)];
}

function onActivate(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  };
}

export function DialogueGraph(props: DialogueGraphProps) {
  const { graph, onGoToLine, onPlay, onRecord, playingTurn, recordBlockedReason } = props;
  const { t } = useI18n();
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const [zoom, setZoom] = useState(1);
  const scroller = useRef<HTMLDivElement>(null);
  const startNode = layout.nodes.find((n) => n.start);
  const startX = startNode ? startNode.x + BOX_WIDTH_PX / 2 : null;
  // Wide graphs open scrolled to the start turn rather than to the left edge.
  useEffect(() => {
    const element = scroller.current;
    if (element && startX !== null) element.scrollLeft = Math.max(0, startX * zoom - element.clientWidth / 2);
  }, [startX, zoom]);

  if (graph.turns.length === 0)
    return <Typography.Text type="secondary">{t('scripts.graph.empty')}</Typography.Text>;

  const box = (node: LaidOutNode) => {
    const turn = node.turn;
    const style =
      node.kind === 'missing'
        ? COLORS.missing
        : !node.reachable
          ? COLORS.unreachable
          : turn?.end
            ? COLORS.end
            : COLORS.box;
    const dashed = node.kind === 'missing' || !node.reachable;
    const title =
      node.kind === 'missing'
        ? t('scripts.graph.missingTitle', { id: node.id })
        : `${node.id}${turn?.end ? ` · ${t('scripts.graph.end')}` : ''}${
            node.reachable ? '' : ` · ${t('scripts.graph.unreachable')}`
          }\n${turn?.sayText ?? ''}`;
    const badges: string[] = [];
    if (node.start) badges.push(t('scripts.graph.start'));
    if (turn?.end) badges.push(t('scripts.graph.end'));
    if (node.kind === 'turn' && !node.reachable) badges.push(t('scripts.graph.unreachable'));
    if (node.kind === 'missing') badges.push(t('scripts.graph.missing'));
    const recordable = turn !== null && recordBlockedReason === null;
    return (
      <g key={`${node.kind}:${node.id}`} data-testid={`graph-turn-${node.id}`}>
        <title>{title}</title>
        {/* biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group handles Enter and Space itself */}
        <g
          role="button"
          tabIndex={0}
          aria-label={t('scripts.graph.goToTurn', { id: node.id })}
          style={{ cursor: turn ? 'pointer' : 'default' }}
          onClick={() => turn && onGoToLine(turn.line)}
          onKeyDown={onActivate(() => turn && onGoToLine(turn.line))}
        >
          <rect
            x={node.x}
            y={node.y}
            width={BOX_WIDTH_PX}
            height={BOX_HEIGHT_PX}
            rx={8}
            fill={style.fill}
            stroke={style.stroke}
            strokeWidth={node.start ? 2.5 : 1.5}
            strokeDasharray={dashed ? '6 4' : undefined}
          />
          {turn?.end ? (
            <rect
              x={node.x + 3}
              y={node.y + 3}
              width={BOX_WIDTH_PX - 6}
              height={BOX_HEIGHT_PX - 6}
              rx={6}
              fill="none"
              stroke={style.stroke}
              strokeWidth={1}
            />
          ) : null}
          <text x={node.x + 10} y={node.y + 20} fontSize={13} fontWeight={600} fill="#262626">
            {fit(node.kind === 'missing' ? `? ${node.id}` : node.id, BOX_WIDTH_PX - 20)}
          </text>
          {(turn ? twoLines(turn.sayText, BOX_WIDTH_PX - 20) : [t('scripts.graph.missingShort')]).map(
            (line, i) => (
              <text key={line} x={node.x + 10} y={node.y + 39 + i * 16} fontSize={12} fill="#595959">
                {line}
              </text>
            ),
          )}
        </g>
        {badges.length > 0 ? (
          <text
            x={node.x + BOX_WIDTH_PX - 8}
            y={node.y - 6}
            fontSize={11}
            textAnchor="end"
            fill={style.stroke}
            fontWeight={600}
          >
            {badges.join(' · ')}
          </text>
        ) : null}
        {turn ? (
          <>
            {/* biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group handles Enter and Space itself */}
            <g
              role="button"
              tabIndex={0}
              aria-label={t('scripts.graph.play', { id: node.id })}
              data-testid={`play-${node.id}`}
              style={{ cursor: 'pointer' }}
              onClick={() => onPlay(turn)}
              onKeyDown={onActivate(() => onPlay(turn))}
            >
              <title>{turn.audioExists ? t('scripts.graph.playClip') : t('scripts.graph.playTts')}</title>
              <circle cx={node.x + 22} cy={node.y + 72} r={10} fill="#e6f4ff" stroke="#1677ff" />
              <text x={node.x + 22} y={node.y + 76} fontSize={10} textAnchor="middle" fill="#1677ff">
                {playingTurn === turn.id ? '■' : '▶'}
              </text>
            </g>
            {/* biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; the group handles Enter and Space itself */}
            <g
              role="button"
              tabIndex={recordable ? 0 : -1}
              aria-label={t('scripts.graph.record', { id: node.id })}
              aria-disabled={!recordable}
              data-testid={`record-${node.id}`}
              style={{ cursor: recordable ? 'pointer' : 'not-allowed', opacity: recordable ? 1 : 0.4 }}
              onClick={() => recordable && onRecord(turn)}
              onKeyDown={onActivate(() => recordable && onRecord(turn))}
            >
              <title>{recordBlockedReason ?? t('scripts.graph.recordHint')}</title>
              <circle cx={node.x + 50} cy={node.y + 72} r={10} fill="#fff1f0" stroke="#ff4d4f" />
              <circle cx={node.x + 50} cy={node.y + 72} r={4} fill="#ff4d4f" />
            </g>
            {turn.audio !== null ? (
              <text
                x={node.x + 68}
                y={node.y + 76}
                fontSize={11}
                fill={turn.audioExists ? '#389e0d' : '#cf1322'}
              >
                {turn.audioExists ? t('scripts.graph.hasClip') : t('scripts.graph.clipMissing')}
              </text>
            ) : null}
          </>
        ) : null}
      </g>
    );
  };

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap size={[4, 4]}>
        <Tag color="blue">{t('scripts.graph.legendStart')}</Tag>
        <Tag color="green">{t('scripts.graph.legendEnd')}</Tag>
        <Tag color="orange">{t('scripts.graph.legendUnreachable')}</Tag>
        <Tag color="red">{t('scripts.graph.legendMissing')}</Tag>
        <Tag>{t('scripts.graph.legendArrows')}</Tag>
        {layout.unreachable.length > 0 ? (
          <Typography.Text type="warning">
            {t('scripts.graph.unreachableCount', { count: layout.unreachable.length })}
          </Typography.Text>
        ) : null}
      </Space>
      <Space size={4}>
        <Button
          size="small"
          aria-label={t('scripts.graph.zoomOut')}
          onClick={() => setZoom((z) => Math.max(0.4, Math.round((z - 0.1) * 10) / 10))}
        >
          −
        </Button>
        <Typography.Text style={{ minWidth: 48, textAlign: 'center', display: 'inline-block' }}>
          {Math.round(zoom * 100)}%
        </Typography.Text>
        <Button
          size="small"
          aria-label={t('scripts.graph.zoomIn')}
          onClick={() => setZoom((z) => Math.min(1.6, Math.round((z + 0.1) * 10) / 10))}
        >
          +
        </Button>
        <Button
          size="small"
          onClick={() => {
            const width = scroller.current?.clientWidth ?? layout.widthPx;
            setZoom(Math.max(0.4, Math.min(1, Math.floor((width / layout.widthPx) * 20) / 20)));
          }}
        >
          {t('scripts.graph.fit')}
        </Button>
      </Space>
      <div
        ref={scroller}
        style={{ overflow: 'auto', maxHeight: '70vh', border: '1px solid #f0f0f0', borderRadius: 6 }}
      >
        <svg
          width={layout.widthPx * zoom}
          height={layout.heightPx * zoom}
          viewBox={`0 0 ${layout.widthPx} ${layout.heightPx}`}
          role="img"
          aria-label={t('scripts.graph.title')}
          data-testid="dialogue-graph"
          style={{ display: 'block', fontFamily: 'inherit' }}
        >
          <defs>
            {(['when', 'fallback', 'broken'] as const).map((kind) => (
              <marker
                key={kind}
                id={`arrow-${kind}`}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={7}
                markerHeight={7}
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={COLORS[kind]} />
              </marker>
            ))}
          </defs>
          {layout.edges.map((edge) => {
            const kind = edge.missing ? 'broken' : edge.when === null ? 'fallback' : 'when';
            return (
              <path
                key={edge.key}
                d={edge.path}
                fill="none"
                stroke={COLORS[kind]}
                strokeWidth={1.4}
                strokeDasharray={edge.missing ? '5 4' : undefined}
                markerEnd={`url(#arrow-${kind})`}
              />
            );
          })}
          {layout.nodes.map(box)}
          {layout.edges.map((edge) => {
            const label = whenLabel(edge.when, t);
            const shown = fit(label, LABEL_MAX_PX - 8, LABEL_FONT_PX);
            const widthPx = textWidthPx(shown, LABEL_FONT_PX) + 8;
            const left =
              edge.labelAnchor === 'start'
                ? edge.labelX - 4
                : edge.labelAnchor === 'end'
                  ? edge.labelX - widthPx + 4
                  : edge.labelX - widthPx / 2;
            const branch = graph.turns.find((turn) => turn.id === edge.from)?.next[
              Number(edge.key.split(':')[1])
            ];
            return (
              <g
                key={`label-${edge.key}`}
                style={{ cursor: 'pointer' }}
                onClick={() => branch && onGoToLine(branch.line)}
              >
                <title>{`${edge.from} → ${edge.to}: ${label}`}</title>
                <rect
                  x={left}
                  y={edge.labelY - 9}
                  width={widthPx}
                  height={17}
                  rx={4}
                  fill="#ffffff"
                  fillOpacity={0.92}
                  stroke={edge.when === null ? '#d9d9d9' : '#bae0ff'}
                />
                <text
                  x={edge.labelX}
                  y={edge.labelY + 4}
                  fontSize={LABEL_FONT_PX}
                  textAnchor={edge.labelAnchor}
                  fill={edge.missing ? COLORS.broken : edge.when === null ? '#8c8c8c' : '#0958d9'}
                >
                  {shown}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </Space>
  );
}
