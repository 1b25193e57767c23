// Pitch contours of both channels over the call (Hz per grid step, gaps where unvoiced), zoomable;
// clicking the chart moves the recording to that time.
import type { CallContoursDto } from '@callsim/protocol';
import { useMemo } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { type ChartOption, useEChart } from './use-echart.js';

const points = (hz: readonly number[], stepMs: number): [number, number | null][] =>
  hz.map((v, i) => [(i * stepMs) / 1000, v > 0 ? v : null]);

export function PitchChart({
  contours,
  onSeek,
}: {
  contours: CallContoursDto;
  onSeek: (ms: number) => void;
}) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v} Hz`) },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 36, bottom: 64 },
      xAxis: {
        type: 'value',
        name: t('results.chart.time'),
        nameLocation: 'middle',
        nameGap: 24,
        min: 0,
        max: contours.durationMs / 1000,
      },
      yAxis: { type: 'value', name: t('results.pitch.axis'), scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
      series: [
        {
          name: t('results.pitch.agent'),
          type: 'line',
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 1.5 },
          color: '#1677ff',
          data: points(contours.agent?.pitchHz ?? [], contours.stepMs),
        },
        {
          name: t('results.pitch.caller'),
          type: 'line',
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 1 },
          color: '#fa8c16',
          data: points(contours.caller?.pitchHz ?? [], contours.stepMs),
        },
      ],
    }),
    [contours, t],
  );
  const ref = useEChart(option, (params) => {
    const value = params.value as [number, number] | undefined;
    if (Array.isArray(value)) onSeek(value[0] * 1000);
  });
  return <div ref={ref} data-testid="pitch-chart" style={{ height: 280, width: '100%' }} />;
}
