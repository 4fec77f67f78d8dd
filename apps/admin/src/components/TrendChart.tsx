// A figure's daily trend as a small ECharts line (loaded with the dashboard, not with the console).
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

export default function TrendChart(props: {
  points: { date: string; value: number }[];
  format: (value: number) => string;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const { points, format, label } = props;
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 0, right: 0, top: 4, bottom: 0 },
      xAxis: { type: 'category', show: false, data: points.map((p) => p.date.slice(5)) },
      yAxis: { type: 'value', show: false, min: 0 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) => format(Number(value)),
      },
      series: [
        {
          name: label,
          type: 'line',
          data: points.map((p) => p.value),
          smooth: true,
          symbol: 'none',
          areaStyle: { opacity: 0.15 },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [points, format, label]);
  return <div ref={element} className="trend-chart" role="img" aria-label={label} />;
}
