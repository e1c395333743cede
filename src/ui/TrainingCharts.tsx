import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatPercent } from '../app/format';
import { useLanguage } from '../i18n/setup';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ema } from '../train/metrics';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import { SmoothingSlider } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import { downsample, type Point } from './chart-series';
import { ChartDownload } from './ChartDownload';

export type XMode = 'step' | 'epoch' | 'seconds';

function xValues(run: RunRecord, steps: ArrayLike<number>, ms: ArrayLike<number>, mode: XMode): number[] {
  return Array.from(steps, (s, i) => (mode === 'step' ? s : mode === 'epoch' ? s / Math.max(1, run.stepsPerEpoch) : ms[i] / 1000));
}

interface Series {
  key: string;
  name: string;
  color: string;
  kind: 'raw' | 'smooth' | 'validation';
  points: Point[];
}

function seriesFor(run: RunRecord, metric: 'loss' | 'acc', mode: XMode, smoothing: number, t: TFunction): Series[] {
  const color = RUN_COLORS[run.color];
  const xs = xValues(run, run.steps.step, run.steps.ms, mode);
  const raw = metric === 'loss' ? run.steps.loss : run.steps.acc;
  const val = metric === 'loss' ? run.epochs.valLoss : run.epochs.valAcc;
  const vx = xValues(run, run.epochs.step, run.epochs.ms, mode);
  return [
    { key: `${run.id}-raw`, name: t('charts.series.raw', { run: run.name }), color, kind: 'raw', points: downsample(xs, raw) },
    {
      key: `${run.id}-smooth`,
      name: t('charts.series.smooth', { run: run.name }),
      color,
      kind: 'smooth',
      points: downsample(xs, ema(raw, smoothing)),
    },
    {
      key: `${run.id}-val`,
      name: t('charts.series.validation', { run: run.name }),
      color,
      kind: 'validation',
      points: vx.map((x, i) => ({ x, y: val[i] })),
    },
  ];
}

/** Training loss and accuracy per step (raw and smoothed) and validation per epoch, for the chosen runs. */
export function TrainingCharts({ runs }: { runs: RunRecord[] }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<XMode>('step');
  const [smoothing, setSmoothing] = useState(0.9);
  const [logLoss, setLogLoss] = useState(true);
  const [showRaw, setShowRaw] = useState(true);
  return (
    <section className="charts" aria-label={t('charts.label')}>
      <div className="chart-options">
        <label>
          {t('charts.xAxis')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as XMode)} data-testid="x-axis">
            {(['step', 'epoch', 'seconds'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`charts.xOptions.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <SmoothingSlider label={t('charts.smoothing')} value={smoothing} onChange={setSmoothing} />
        <label>
          <input type="checkbox" checked={logLoss} onChange={(e) => setLogLoss(e.target.checked)} /> {t('charts.logLoss')}
        </label>
        <label>
          <input type="checkbox" checked={showRaw} onChange={(e) => setShowRaw(e.target.checked)} /> {t('charts.raw')}
        </label>
      </div>
      {runs.length === 0 && <p className="empty">{t('charts.empty')}</p>}
      {/* Mounted even when empty: the first mount of a chart is its costliest render, better done at page load. */}
      <div className="chart-grid">
        <MetricChart title={t('charts.loss')} metric="loss" runs={runs} mode={mode} smoothing={smoothing} log={logLoss} showRaw={showRaw} />
        <MetricChart
          title={t('charts.accuracy')}
          metric="acc"
          runs={runs}
          mode={mode}
          smoothing={smoothing}
          log={false}
          showRaw={showRaw}
        />
      </div>
    </section>
  );
}

function MetricChart({
  title,
  metric,
  runs,
  mode,
  smoothing,
  log,
  showRaw,
}: {
  title: string;
  metric: 'loss' | 'acc';
  runs: RunRecord[];
  mode: XMode;
  smoothing: number;
  log: boolean;
  showRaw: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  // Runs are new objects whenever they change, so this recomputes only for runs that moved (or a new language).
  const series = useMemo(
    () => runs.flatMap((r) => seriesFor(r, metric, mode, smoothing, t)).filter((s) => showRaw || s.kind !== 'raw'),
    [runs, metric, mode, smoothing, showRaw, t],
  );
  const drawn = series.reduce((a, s) => a + s.points.length, 0);
  return (
    <figure
      className="chart"
      data-testid={`chart-${metric}`}
      data-points={drawn}
      data-series={series.filter((s) => s.kind === 'smooth').length}
    >
      <figcaption>{t('charts.caption', { metric: title, x: t(`charts.against.${mode}`) })}</figcaption>
      <ChartDownload
        title={t('charts.caption', { metric: title, x: t(`charts.against.${mode}`) })}
        xLabel={t(`charts.against.${mode}`)}
        yLabel={title}
      />
      <div className="chart-area">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
            <XAxis
              dataKey="x"
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDuplicatedCategory={false}
              tickFormatter={(v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1))}
            />
            <YAxis
              scale={log ? 'log' : 'linear'}
              domain={log ? ['auto', 'auto'] : metric === 'acc' ? [0, 1] : [0, 'auto']}
              allowDataOverflow={false}
              width={60}
              tickFormatter={(v: number) => (metric === 'acc' ? formatPercent(v, language, 0) : v.toPrecision(2))}
            />
            <Tooltip
              formatter={(v) => (typeof v === 'number' ? (metric === 'acc' ? formatPercent(v, language) : v.toFixed(4)) : String(v))}
              labelFormatter={(v) => t(`charts.at.${mode}`, { x: typeof v === 'number' ? Number(v.toFixed(2)) : String(v) })}
            />
            <Legend content={ChartLegend} />
            {series.map((s) => (
              <Line
                key={s.key}
                name={s.name}
                data={s.points}
                dataKey="y"
                type="linear"
                stroke={s.color}
                strokeWidth={s.kind === 'smooth' ? 2 : s.kind === 'validation' ? 2 : 1}
                strokeOpacity={s.kind === 'raw' ? 0.3 : 1}
                strokeDasharray={s.kind === 'validation' ? '6 3' : undefined}
                dot={s.kind === 'validation' ? { r: 3 } : false}
                isAnimationActive={false}
                legendType={s.kind === 'raw' ? 'none' : 'line'}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
