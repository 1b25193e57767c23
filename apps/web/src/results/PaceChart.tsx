// The trainee's pace over the call: syllables per minute of their own talk in a sliding window
// (acoustic, works without a transcript) and each turn's rate from the transcript, against
// the scenario's green speech-rate band. In Mandarin one syllable is one character, so both
// share the 字/min axis; in English the syllable rate gets its own axis.
import type { CallContoursDto, ScoreItemDto } from '@callsim/protocol';
import { useMemo } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { valueWithUnit } from './format.js';
import { type ChartOption, useEChart } from './use-echart.js';

export function PaceChart({
  contours,
  speechRate,
  onSeek,
}: {
  contours: CallContoursDto;
  /** The speech-rate item of the score (its unit and green range). */
  speechRate: ScoreItemDto | undefined;
  onSeek: (ms: number) => void;
}) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const pace = contours.pace;
    const sameAxis = pace.segmentUnit === 'chars/min';
    const unitName = valueWithUnit(t, 0, pace.segmentUnit).replace(/^0\s*/, '');
    const target = speechRate?.target;
    const band =
      target && (target.min !== null || target.max !== null)
        ? {
            silent: true,
            itemStyle: { color: 'rgba(82, 196, 26, 0.12)' },
            label: { show: true, position: 'insideTopRight', formatter: t('results.pace.band') },
            data: [[{ yAxis: target.min ?? 0 }, { yAxis: target.max ?? 'max' }]],
          }
        : undefined;
    const segmentData: [number, number | null][] = pace.segments.flatMap((s) => [
      [s.startMs / 1000, s.perMin] as [number, number],
      [s.endMs / 1000, s.perMin] as [number, number],
      [s.endMs / 1000, null] as [number, null],
    ]);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: sameAxis ? 24 : 64, top: 36, bottom: 40 },
      xAxis: {
        type: 'value',
        name: t('results.chart.time'),
        nameLocation: 'middle',
        nameGap: 24,
        min: 0,
        max: contours.durationMs / 1000,
      },
      yAxis: sameAxis
        ? [{ type: 'value', name: unitName, min: 0 }]
        : [
            { type: 'value', name: unitName, min: 0 },
            { type: 'value', name: t('results.pace.axisSyllables'), min: 0 },
          ],
      series: [
        {
          name: t('results.pace.segments'),
          type: 'line',
          showSymbol: false,
          connectNulls: false,
          lineStyle: { width: 4 },
          color: '#722ed1',
          data: segmentData,
          ...(band ? { markArea: band } : {}),
        },
        {
          name: t('results.pace.acoustic'),
          type: 'line',
          smooth: true,
          showSymbol: false,
          connectNulls: false,
          yAxisIndex: sameAxis ? 0 : 1,
          color: '#13c2c2',
          data: pace.syllablesPerMin.map((v, i) => [(i * pace.stepMs) / 1000, v]),
        },
      ],
    };
  }, [contours, speechRate, t]);
  const ref = useEChart(option, (params) => {
    const value = params.value as [number, number] | undefined;
    if (Array.isArray(value)) onSeek(value[0] * 1000);
  });
  return <div ref={ref} data-testid="pace-chart" style={{ height: 260, width: '100%' }} />;
}
