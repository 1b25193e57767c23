// A line chart of one or two measures over time (echarts, tree-shaken), with the target as
// a dashed line or the green band as a shaded area, so progress reads at a glance.
import { LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** Axis ends 10 % beyond the data, rounded to a readable step. */
const niceFloor = (v: number) => {
  const step = 10 ** Math.floor(Math.log10(Math.max(1, Math.abs(v))));
  return Math.floor((v - Math.abs(v) * 0.1) / step) * step;
};
const niceCeil = (v: number) => {
  const step = 10 ** Math.floor(Math.log10(Math.max(1, Math.abs(v))));
  return Math.ceil((v + Math.abs(v) * 0.1) / step) * step;
};

export interface TrendSeries {
  name: string;
  /** [time ms, value] in time order. */
  points: [number, number][];
  /** 0 = left axis, 1 = right axis. */
  axis?: 0 | 1;
  /** A target drawn as a dashed line on this series' axis. */
  target?: number;
  /** A green range drawn as a shaded band on this series' axis. */
  band?: [number | null, number | null];
}

export interface TrendChartProps {
  series: TrendSeries[];
  /** Axis names (with units), left then right. */
  axes: [string, string?];
  height?: number;
  testId?: string;
}

export function TrendChart({ series, axes, height = 280, testId }: TrendChartProps) {
  const element = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: axes[1] ? 56 : 24, top: 36, bottom: 32 },
        xAxis: { type: 'time' },
        yAxis: axes
          .filter((a): a is string => a !== undefined)
          .map((name, index) => {
            // Targets and bands stay in view: the axis reaches them even when no point does.
            const marks = series
              .filter((s) => (s.axis ?? 0) === index)
              .flatMap((s) => [s.target, ...(s.band ?? [])])
              .filter((v): v is number => typeof v === 'number');
            return {
              type: 'value',
              name,
              scale: true,
              min: (extent: { min: number }) => niceFloor(Math.min(extent.min, ...marks)),
              max: (extent: { max: number }) => niceCeil(Math.max(extent.max, ...marks)),
            };
          }),
        series: series.map((s) => ({
          name: s.name,
          type: 'line',
          yAxisIndex: s.axis ?? 0,
          showSymbol: true,
          data: s.points,
          ...(s.target !== undefined
            ? { markLine: { symbol: 'none', lineStyle: { type: 'dashed' }, data: [{ yAxis: s.target }] } }
            : {}),
          ...(s.band
            ? {
                markArea: {
                  silent: true,
                  itemStyle: { color: 'rgba(82, 196, 26, 0.08)' },
                  data: [[{ yAxis: s.band[0] ?? 'min' }, { yAxis: s.band[1] ?? 'max' }]],
                },
              }
            : {}),
        })),
      },
      { notMerge: true },
    );
  }, [series, axes]);

  return <div ref={element} style={{ width: '100%', height }} data-testid={testId} />;
}
