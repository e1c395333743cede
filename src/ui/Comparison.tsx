import { useMemo, useState } from 'react';
import { formatPercent } from '../app/format';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrainConfig } from '../settings';
import { ema, firstCrossing, speedup } from '../train/metrics';
import { lttb } from '../app/lttb';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import { MAX_POINTS } from './TrainingCharts';
import { ChartDownload } from './ChartDownload';

export interface Preset {
  id: string;
  title: string;
  /** What the pair shows, for the student. */
  about: string;
  pair: (c: TrainConfig) => [{ name: string; config: TrainConfig }, { name: string; config: TrainConfig }];
}

/** Pairs that differ in one AlexNet ingredient; same seed, so the same initial weights and data order. */
export const PRESETS: Preset[] = [
  {
    id: 'relu-tanh',
    title: 'ReLU vs tanh (AlexNet Figure 1)',
    about:
      'The paper: a 4-layer CNN with ReLUs reached 25% training error on CIFAR-10 six times faster than with tanh. Watch when each run crosses the line here.',
    pair: (c) => [
      { name: 'ReLU', config: { ...c, activation: 'relu' } },
      { name: 'tanh', config: { ...c, activation: 'tanh' } },
    ],
  },
  {
    id: 'dropout',
    title: 'Dropout vs none',
    about:
      'AlexNet used dropout 0.5 against overfitting; it roughly doubled the iterations needed to converge. Compare training and validation curves.',
    pair: (c) => [
      { name: `dropout ${c.dropout > 0 ? c.dropout : 0.5}`, config: { ...c, dropout: c.dropout > 0 ? c.dropout : 0.5 } },
      { name: 'no dropout', config: { ...c, dropout: 0 } },
    ],
  },
  {
    id: 'lrn',
    title: 'LRN vs none',
    about: 'Local response normalisation cut AlexNet’s top-1 error by 1.4 points on ImageNet; on digits the difference may be small.',
    pair: (c) => [
      { name: 'LRN', config: { ...c, lrn: true } },
      { name: 'no LRN', config: { ...c, lrn: false } },
    ],
  },
  {
    id: 'augment',
    title: 'Augmentation vs none',
    about: 'AlexNet trained on random crops and flips (and PCA colour noise) to fight overfitting. Here: random shifts and pixel noise.',
    pair: (c) => {
      const aug = c.augShift > 0 || c.augNoise > 0 || c.augFlip ? c : { ...c, augShift: 2, augNoise: 0.1 };
      return [
        { name: 'augmented', config: aug },
        { name: 'not augmented', config: { ...c, augShift: 0, augNoise: 0, augFlip: false } },
      ];
    },
  },
];

/** Training error against epochs for a preset's pair, with the threshold line and when each run crossed it. */
export function ComparisonPanel({ runs }: { runs: RunRecord[] }) {
  const [threshold, setThreshold] = useState(0.25);
  const [smoothing, setSmoothing] = useState(0.9);
  const rows = runs.map((r) => ({ run: r, crossing: firstCrossing(r.steps.step, r.steps.acc, threshold, smoothing) }));
  const ratio = rows.length === 2 ? speedup(rows[0].crossing, rows[1].crossing) : null;
  const series = useMemo(
    () =>
      runs.map((r) => {
        const xs = r.steps.step.map((s) => s / Math.max(1, r.stepsPerEpoch));
        const ys = ema(
          r.steps.acc.map((a) => 1 - a),
          smoothing,
        );
        return { run: r, points: lttb(xs, ys, MAX_POINTS).map((i) => ({ x: xs[i], y: ys[i] })) };
      }),
    [runs, smoothing],
  );

  return (
    <section className="comparison" aria-label="Run comparison" data-testid="comparison">
      <div className="chart-options">
        <label>
          Threshold (training error){' '}
          <input
            type="number"
            min={0.01}
            max={0.99}
            step={0.01}
            value={threshold}
            data-testid="threshold"
            onChange={(e) => Number(e.target.value) > 0 && Number(e.target.value) < 1 && setThreshold(Number(e.target.value))}
          />
        </label>
        <label>
          Smoothing{' '}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />{' '}
          {smoothing.toFixed(2)}
        </label>
      </div>
      <figure className="chart" data-testid="chart-error" data-series={series.length}>
        <figcaption>Training error (smoothed) against epochs</figcaption>
        <ChartDownload title="Training error (smoothed) against epochs" xLabel="epoch" yLabel="training error (smoothed)" />
        <ResponsiveContainer width="100%" height={260}>
          <LineChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
            <XAxis
              dataKey="x"
              type="number"
              domain={[0, 'dataMax']}
              tickFormatter={(v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2))}
            />
            <YAxis domain={[0, 1]} width={60} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} />
            <Tooltip
              formatter={(v) => (typeof v === 'number' ? formatPercent(v) : String(v))}
              labelFormatter={(v) => `epoch ${Number(Number(v).toFixed(3))}`}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <ReferenceLine
              y={threshold}
              stroke="#444"
              strokeDasharray="4 4"
              label={{ value: `${Math.round(threshold * 100)}%`, position: 'right' }}
            />
            {series.map(({ run, points }) => (
              <Line
                key={run.id}
                name={run.name}
                data={points}
                dataKey="y"
                stroke={RUN_COLORS[run.color]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <table className="crossings" data-testid="crossings">
        <thead>
          <tr>
            <th>Run</th>
            <th>First step at ≤ {Math.round(threshold * 100)}% training error</th>
            <th>Epoch</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ run, crossing }) => (
            <tr key={run.id} data-testid="crossing-row">
              <td>
                <span className="swatch" style={{ background: RUN_COLORS[run.color] }} aria-hidden /> {run.name}
              </td>
              <td data-testid="crossing-step">{crossing === null ? 'not reached' : crossing}</td>
              <td>{crossing === null ? '–' : (crossing / Math.max(1, run.stepsPerEpoch)).toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 2 && (
        <p data-testid="crossing-ratio">
          {ratio === null ? (
            'Speed ratio: needs both runs to reach the threshold.'
          ) : (
            <>
              Speed ratio: <strong>{rows[0].run.name}</strong> reached it <strong>{ratio.toFixed(2)}×</strong> as fast as{' '}
              <strong>{rows[1].run.name}</strong> ({rows[1].run.name}’s steps ÷ {rows[0].run.name}’s; the paper’s figure, 6×, is tanh’s ÷
              ReLU’s on CIFAR-10).
            </>
          )}
        </p>
      )}
      <p className="note">
        The paper’s 6× was measured on CIFAR-10 with its own 4-layer network and initialisation. The ratio depends on the data, the network,
        the optimiser and the threshold: on MNIST with Adam, tanh often reaches 25% first and ReLU pulls ahead at lower error. This chart
        shows what these two runs measured, nothing else.
      </p>
    </section>
  );
}
