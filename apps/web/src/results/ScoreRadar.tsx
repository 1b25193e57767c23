// The four dimensions of a score on a radar (0–100), with the numbers spelled out beside it
// so the chart is never the only place a score can be read.
import { type CallScoreDto, SCORE_DIMENSIONS, type ScoreDimensionId } from '@callsim/protocol';
import { Space, Tag } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { STATUS_COLORS } from './format.js';
import { type ChartOption, useEChart } from './use-echart.js';

export const DIMENSION_KEYS: Record<ScoreDimensionId, MessageKey> = {
  script: 'results.dimension.script',
  speed: 'results.dimension.speed',
  tone: 'results.dimension.tone',
  courtesy: 'results.dimension.courtesy',
};

export function ScoreRadar({ score }: { score: CallScoreDto }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const dims = SCORE_DIMENSIONS.map((id) => score.dimensions[id]);
    return {
      tooltip: { trigger: 'item' },
      radar: {
        radius: '68%',
        indicator: dims.map((d) => ({
          name: `${t(DIMENSION_KEYS[d.id])}${d.score === null ? t('results.radar.notMeasured') : ''}`,
          max: 100,
        })),
      },
      series: [
        {
          type: 'radar',
          data: [
            {
              name: t('results.radar.title'),
              value: dims.map((d) => d.score ?? 0),
              areaStyle: { opacity: 0.25 },
              label: { show: true, formatter: (p: { value: number }) => String(Math.round(p.value)) },
            },
          ],
        },
      ],
    };
  }, [score, t]);
  const ref = useEChart(option);
  return (
    <div>
      <div ref={ref} data-testid="score-radar" style={{ height: 260, width: '100%' }} />
      <Space wrap style={{ justifyContent: 'center', width: '100%' }}>
        {SCORE_DIMENSIONS.map((id) => {
          const d = score.dimensions[id];
          return (
            <Tag key={id} color={STATUS_COLORS[d.status]} data-testid={`dimension-${id}`}>
              {t(DIMENSION_KEYS[id])} {d.score === null ? '—' : Math.round(d.score)}
            </Tag>
          );
        })}
      </Space>
    </div>
  );
}
