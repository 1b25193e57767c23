// The trainee's totals and dimension scores over their scored calls (oldest first); exams are
// drawn as diamonds and the call on screen is enlarged. Clicking a point opens that call.
import { type ResultTrendDto, SCORE_DIMENSIONS } from '@callsim/protocol';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { DIMENSION_KEYS } from './ScoreRadar.js';
import { type ChartOption, useEChart } from './use-echart.js';

export function ScoreTrendChart({
  trend,
  currentCallId,
  onOpen,
}: {
  trend: ResultTrendDto;
  currentCallId?: string;
  onOpen?: (callId: string) => void;
}) {
  const { t, locale } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const labels = trend.points.map((p, k) =>
      p.answeredAtMs === null
        ? String(k + 1)
        : new Intl.DateTimeFormat(locale, {
            month: 'numeric',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          }).format(p.answeredAtMs),
    );
    const pointStyle = (k: number) => {
      const p = trend.points[k]!;
      return {
        symbol: p.mode === 'exam' ? 'diamond' : 'circle',
        symbolSize: p.callId === currentCallId ? 14 : 7,
      };
    };
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          name: t('results.trend.total'),
          type: 'line',
          lineStyle: { width: 3 },
          data: trend.points.map((p, k) => ({ value: p.total, ...pointStyle(k) })),
        },
        ...SCORE_DIMENSIONS.map((id) => ({
          name: t(DIMENSION_KEYS[id]),
          type: 'line',
          lineStyle: { width: 1 },
          data: trend.points.map((p, k) => ({ value: p.dimensions[id], ...pointStyle(k) })),
        })),
      ],
    };
  }, [trend, currentCallId, t, locale]);
  const ref = useEChart(option, (params) => {
    const point = trend.points[params.dataIndex];
    if (point && onOpen) onOpen(point.callId);
  });
  const few = trend.points.length < 2;
  return (
    <>
      {few && <Typography.Text type="secondary">{t('results.trend.empty')}</Typography.Text>}
      <div
        ref={ref}
        data-testid="trend-chart"
        style={{ height: 260, width: '100%', display: few ? 'none' : 'block' }}
      />
    </>
  );
}
