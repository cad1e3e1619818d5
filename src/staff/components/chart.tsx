import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import uCharts from '@qiun/ucharts';
import { useEffect, useRef, useState } from 'react';
import { isH5 } from '../../env';
import { windowInfo } from '../../system-info';

export type ChartType = 'line' | 'column' | 'bar' | 'pie' | 'ring' | 'area' | 'mix';

export interface ChartSeries {
  name: string;
  data: Array<number | { name: string; value: number }>;
  color?: string;
  type?: 'line' | 'column' | 'area';
  /** mix charts: which y axis. */
  index?: number;
  format?: string;
}

export interface ChartProps {
  /** Unique on the page: the canvas id. */
  id: string;
  type: ChartType;
  categories?: string[];
  series: ChartSeries[];
  height?: number;
  /** More uCharts options (axes, extra.<type>…), merged over the defaults. */
  options?: Record<string, unknown>;
  /** Read out by screen readers and tests: what the chart shows. */
  label: string;
}

/** The brand blue first, then colours that stay apart for the colour-blind and in print. */
export const CHART_COLORS = ['#1a4fa3', '#e07b00', '#2e9e5b', '#c23b3b', '#7a4fb5', '#0f8fa8', '#8c6d1f', '#5b6577', '#d15fa0', '#3c8c3c'];

type Node = { node?: HTMLCanvasElement & { width: number; height: number }; width: number; height: number };

function queryCanvas(id: string): Promise<Node | undefined> {
  if (isH5() && typeof document !== 'undefined') {
    // Taro's H5 query answers the inner <canvas> only when the host element reports its type, which
    // taro-canvas-core does not: read the DOM (the visible page's copy of the id).
    const hosts = Array.from(document.querySelectorAll(`[id="${id}"]`)).filter((h) => (h as HTMLElement).offsetParent !== null);
    const host = hosts[hosts.length - 1] as HTMLElement | undefined;
    const canvas = host?.querySelector('canvas') as Node['node'] | null | undefined;
    if (!host || !canvas) return Promise.resolve(undefined);
    const r = host.getBoundingClientRect();
    return Promise.resolve({ node: canvas, width: r.width, height: r.height });
  }
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Node[]) => resolve(res?.[0] ?? undefined));
    } catch {
      resolve(undefined); // a host without node queries (an old base library, a headless renderer): no chart, no crash
    }
  });
}

/**
 * On a phone the canvas node can be missing from the first query after a render (a Canvas 2d node
 * is created asynchronously; Taro issues report `res[0]` null on devices while DevTools answers):
 * asked again with growing pauses, about 3 s in all, until the node has a size.
 */
export const CANVAS_RETRY_MS = [0, 50, 100, 200, 400, 800, 1500];

export async function findCanvas(id: string, cancelled: () => boolean, query = queryCanvas): Promise<Node | undefined> {
  for (const wait of CANVAS_RETRY_MS) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    if (cancelled()) return undefined;
    const found = await query(id);
    if (found?.node && found.width) return found;
  }
  return undefined;
}

/**
 * A uCharts chart on a Canvas 2d: the same code draws in the mini-program (canvas node from the
 * selector query) and on H5 (Taro answers the inner <canvas>). Sized to its container, drawn at
 * the device's pixel ratio, redrawn when the data or (H5) the window width changes. After drawing
 * the root carries data-drawn="true" and the number of points drawn.
 */
export function Chart({ id, type, categories, series, height = 240, options, label }: ChartProps) {
  const [width, setWidth] = useState(0);
  const chart = useRef<unknown>();
  const dataKey = JSON.stringify([type, categories, series, options]);
  // Drawn is said of one drawing: other data or another size is not drawn until it is.
  const drawing = `${dataKey}|${height}|${width}`;
  const [drawnFor, setDrawnFor] = useState<string>();
  const drawn = drawnFor === drawing;
  // The data a drawing draws: the props as of that render (a new array with the same values,
  // the same dataKey, does not redraw).
  const data = useRef({ type, categories, series, options });
  useEffect(() => {
    data.current = { type, categories, series, options };
  });

  useEffect(() => {
    if (!isH5() || typeof window === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setWidth(window.innerWidth), 150);
    };
    window.addEventListener('resize', onResize);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('resize', onResize);
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    const { type, categories, series, options } = data.current;
    const draw = async () => {
      const found = await findCanvas(id, () => cancelled);
      if (cancelled || !found?.node || !found.width) return;
      const canvas = found.node;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null;
      if (!ctx) return;
      const ratio = isH5() ? window.devicePixelRatio || 1 : windowInfo().pixelRatio || 2;
      canvas.width = Math.round(found.width * ratio);
      canvas.height = Math.round(height * ratio);
      const pie = type === 'pie' || type === 'ring';
      const xAxis = options?.xAxis as Record<string, unknown> | undefined;
      const fit = Math.max(3, Math.floor(found.width / 72));
      chart.current = new uCharts({
        type,
        context: ctx,
        canvas2d: true,
        width: found.width * ratio,
        height: height * ratio,
        pixelRatio: ratio,
        categories: categories ?? [],
        series,
        animation: false,
        background: '#FFFFFF',
        color: CHART_COLORS,
        fontSize: 12,
        padding: pie ? [5, 5, 5, 5] : [12, 12, 4, 4],
        dataLabel: true,
        legend: { show: series.length > 1 || pie, position: 'bottom', fontSize: 12, lineHeight: 16 },
        yAxis: { gridType: 'dash', dashLength: 4, data: [{ min: 0, fontSize: 11 }] },
        ...options,
        // As many category labels as fit the width (every n-th day on a phone), unless told.
        xAxis: { disableGrid: true, fontSize: 11, rotateLabel: false, ...xAxis, labelCount: xAxis?.labelCount ?? (categories && categories.length > fit ? fit : undefined) },
      });
      if (!cancelled) setDrawnFor(drawing);
    };
    // Queried once the view is rendered (nextTick), then again while the canvas node is not there.
    Taro.nextTick(() => void draw());
    return () => {
      cancelled = true;
    };
  }, [id, drawing, height]);

  const points = series.reduce((n, s) => n + s.data.length, 0);
  return (
    <View className="chart" data-testid={`chart-${id}`} data-drawn={drawn ? 'true' : 'false'} data-points={String(points)} aria-label={label} role="img">
      <Canvas type="2d" id={id} canvasId={id} className="chart__canvas" style={{ width: '100%', height: `${height}px` }} />
    </View>
  );
}
