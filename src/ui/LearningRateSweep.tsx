import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatPercent, formatSetting } from '../app/format';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import { isSweepRun, latestSweep, sweepSummary, type SweepGroup, type SweepPoint, type SweepRunner, type SweepState } from '../app/sweep';
import type { Shape3 } from '../model/networks';
import { useLanguage, useSay } from '../i18n/setup';
import type { Activation, TrainConfig } from '../settings';
import { figure1Config, sweepPlan } from '../train/sweep';
import { ChartDownload } from './ChartDownload';
import { figure1Refusal } from './presets';
import './sweep.css';

/** The paper's threshold, and the comparison chart's smoothing. */
export const SWEEP_THRESHOLD = 0.25;
export const SWEEP_SMOOTHING = 0.9;

const RATES = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1];
const FACTORS = [Math.sqrt(10), 10];
/** One colour per activation: the run palette's first three. */
const COLOURS: Record<Activation, string> = { relu: RUN_COLORS[0], tanh: RUN_COLORS[1], sigmoid: RUN_COLORS[2] };

/** The latest sweep among the runs, and what its finished runs say: the chart's points and the pick per activation. */
export interface SweepResult {
  group: SweepGroup;
  summary: ReturnType<typeof sweepSummary>;
}

/**
 * The latest sweep's result, for the page to compute once (the Figure 1 note and preset, and this panel). `runs` is
 * new at every training step of any run; the result is redone only when what it reads can change: a sweep run
 * appears or goes, changes state (the summary reads finished runs only), or starts (its planned steps: the chart's
 * top; its acknowledged config: the sweep's dataset and batch).
 */
export function useLatestSweep(runs: readonly RunRecord[]): SweepResult | null {
  const key = runs
    .filter(isSweepRun)
    .map((r) => [r.id, r.state, r.failure ?? '', r.totalSteps].join('\u0000'))
    .join('\u0001');
  return useMemo(
    () => {
      const group = latestSweep(runs);
      return group ? { group, summary: sweepSummary(group, SWEEP_THRESHOLD, SWEEP_SMOOTHING) } : null;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `runs` (see above)
    [key],
  );
}

/**
 * The learning-rate sweep behind Figure 1: short runs at a few rates per activation on the current data, one after
 * another; a chart of steps to the threshold against the rate (log axis), one line per activation, with runs that
 * never got there or diverged marked at the top; the fastest rate per activation, which Figure 1's preset uses.
 */
export const LearningRateSweep = memo(function LearningRateSweep({
  runner,
  sweep,
  result,
  config,
  shape,
  trainImages,
  datasetName,
  live,
  onUsePicks,
}: {
  runner: SweepRunner;
  sweep: SweepState;
  /** useLatestSweep's. */
  result: SweepResult | null;
  config: TrainConfig;
  /** The current dataset's images, where known. */
  shape: Shape3 | null;
  /** Its training images, where fewer than the built-in sets' (an imported sample). */
  trainImages?: number;
  datasetName: (id: TrainConfig['dataset']) => string;
  live: boolean;
  /** Train Figure 1's preset (at the picked rates). */
  onUsePicks: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const say = useSay();
  const [from, setFrom] = useState(0.001);
  const [to, setTo] = useState(0.1);
  const [factor, setFactor] = useState(FACTORS[0]);
  const [steps, setSteps] = useState(200);
  const [refusal, setRefusal] = useState<string | null>(null);
  const threshold = formatPercent(SWEEP_THRESHOLD, language, 0);

  const plan = useMemo(
    () => sweepPlan({ from, to: Math.max(from, to), factor, steps, threshold: SWEEP_THRESHOLD, smoothing: SWEEP_SMOOTHING }),
    [from, to, factor, steps],
  );
  const group = result?.group ?? null;
  const summary = result?.summary ?? null;
  const running = sweep.running !== null;
  // Runs the pick cannot use: stopped, interrupted by a reload, or failed for another reason than diverging.
  const unfinished = group
    ? group.runs.filter((r) => r.state === 'stopped' || r.state === 'interrupted' || (r.state === 'failed' && r.failure !== 'diverged'))
        .length
    : 0;

  const start = () => {
    const why = figure1Refusal(shape);
    if (why) return setRefusal(say(why));
    setRefusal(null);
    runner.start(
      figure1Config(config),
      plan,
      (activation, rate) =>
        t('compare.sweep.runName', { activation: t(`settings.activation.options.${activation}`), rate: formatSetting(rate) }),
      trainImages,
    );
  };

  const images = formatCount(steps * config.batchSize, language);
  const runsInPlan = plan.rates.length * plan.activations.length;
  return (
    <section className="lr-sweep" aria-label={t('compare.sweep.title')} data-testid="lr-sweep">
      <h2>{t('compare.sweep.title')}</h2>
      <p className="note">{t('compare.sweep.about', { threshold })}</p>
      <div className="lr-sweep-controls">
        <label>
          {t('compare.sweep.from')}{' '}
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))} disabled={running} data-testid="sweep-from">
            {RATES.map((r) => (
              <option key={r} value={r}>
                {formatSetting(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compare.sweep.to')}{' '}
          <select value={to} onChange={(e) => setTo(Number(e.target.value))} disabled={running} data-testid="sweep-to">
            {RATES.map((r) => (
              <option key={r} value={r}>
                {formatSetting(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compare.sweep.factor')}{' '}
          <select value={factor} onChange={(e) => setFactor(Number(e.target.value))} disabled={running} data-testid="sweep-factor">
            {FACTORS.map((f) => (
              <option key={f} value={f}>
                {t('compare.sweep.factorOption', { factor: formatSetting(Number(f.toPrecision(3))) })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('compare.sweep.steps')}{' '}
          <input
            type="number"
            min={5}
            max={5000}
            step={5}
            value={steps}
            disabled={running}
            data-testid="sweep-steps"
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (v >= 5 && v <= 5000) setSteps(v);
            }}
          />
        </label>
      </div>
      <p className="note" data-testid="sweep-plan">
        {t('compare.sweep.plan', {
          runs: runsInPlan,
          rates: plan.rates.map(formatSetting).join(', '),
          steps: formatCount(steps, language),
          images,
          batch: config.batchSize,
        })}
      </p>
      <div className="buttons">
        {running ? (
          <button type="button" onClick={() => runner.stop()} data-testid="sweep-stop">
            {t('compare.sweep.stop')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={start} disabled={live} data-testid="sweep-run">
            {t('compare.sweep.run')}
          </button>
        )}
        {running && (
          <span className="lr-sweep-progress" role="status" data-testid="sweep-progress">
            {t('compare.sweep.progress', { n: sweep.started, total: sweep.total })}
          </span>
        )}
      </div>
      {refusal && (
        <p className="error" role="alert" data-testid="sweep-refusal">
          {refusal}
        </p>
      )}
      {group && summary && (
        <>
          <p className="note" data-testid="sweep-of">
            {t('compare.sweep.of', {
              dataset: datasetName(group.base.dataset),
              batch: group.base.batchSize,
              runs: group.runs.length,
            })}
            {unfinished > 0 && <> {t('compare.sweep.unfinished', { count: unfinished })}</>}
          </p>
          <SweepChart points={summary.points} runs={group.runs} threshold={threshold} />
          <table className="crossings" data-testid="sweep-picks">
            <thead>
              <tr>
                <th>{t('compare.sweep.columns.activation')}</th>
                <th>{t('compare.sweep.columns.rate')}</th>
                <th>{t('compare.sweep.columns.steps', { threshold })}</th>
                <th>{t('compare.sweep.columns.tried')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.picks.map((p) => (
                <tr key={p.activation} data-testid="sweep-pick">
                  <td>{t(`settings.activation.options.${p.activation}`)}</td>
                  <td data-testid="sweep-pick-rate">{p.best ? formatSetting(p.best.learningRate) : t('compare.sweep.none')}</td>
                  <td>{p.crossing ?? '–'}</td>
                  <td>{p.runs.map((r) => formatSetting(r.result.learningRate)).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" onClick={onUsePicks} disabled={live || running} data-testid="sweep-use">
              {t('compare.sweep.usePicks')}
            </button>
          </p>
        </>
      )}
    </section>
  );
});

interface Dot {
  x: number;
  y: number;
  point: SweepPoint;
}

/** Steps to the threshold against the rate, log axis; runs that never reached it or diverged marked at the top. */
function SweepChart({ points, runs, threshold }: { points: SweepPoint[]; runs: readonly RunRecord[]; threshold: string }) {
  const { t } = useTranslation();
  const activations = [...new Set(points.map((p) => p.activation))];
  // Marks for runs without a crossing sit above the longest run, on a line of their own.
  const longest = Math.max(1, ...runs.map((r) => r.totalSteps || r.steps.step.at(-1) || 0));
  const top = Math.ceil(longest * 1.1);
  const dots = (activation: Activation, outcome: SweepPoint['outcome']): Dot[] =>
    points
      .filter((p) => p.activation === activation && p.outcome === outcome)
      .map((point) => ({ x: point.learningRate, y: point.steps ?? top, point }));
  const rates = [...new Set(points.map((p) => p.learningRate))].sort((a, b) => a - b);
  const name = (a: Activation) => t(`settings.activation.options.${a}`);
  const title = t('compare.sweep.chartTitle', { threshold });
  const yLabel = t('compare.sweep.yLabel', { threshold });
  if (points.length === 0) return <p className="empty">{t('compare.sweep.noneFinished')}</p>;
  return (
    <figure className="chart" data-testid="sweep-chart" data-points={points.length}>
      <figcaption>{title}</figcaption>
      <ChartDownload title={title} xLabel={t('compare.sweep.xLabel')} yLabel={yLabel} />
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
          <XAxis
            dataKey="x"
            type="number"
            scale="log"
            domain={[rates[0] / 1.6, rates.at(-1)! * 1.6]}
            ticks={rates}
            allowDataOverflow
            tickFormatter={(v: number) => formatSetting(v)}
          />
          <YAxis dataKey="y" type="number" domain={[0, top]} width={50} allowDecimals={false} />
          <Tooltip
            formatter={(_v, _n, item) => {
              const p = (item.payload as Dot).point;
              return p.outcome === 'crossed'
                ? t('compare.sweep.tipSteps', { steps: p.steps })
                : t(p.outcome === 'diverged' ? 'compare.sweep.tipDiverged' : 'compare.sweep.tipNotReached');
            }}
            labelFormatter={(v) => t('compare.sweep.tipRate', { rate: formatSetting(Number(v)) })}
          />
          {activations.map((a) => (
            <Line
              key={`${a}-line`}
              name={name(a)}
              data={dots(a, 'crossed')}
              dataKey="y"
              stroke={COLOURS[a]}
              strokeWidth={2}
              dot={{ r: 4, fill: COLOURS[a] }}
              isAnimationActive={false}
            />
          ))}
          {activations.map((a) => (
            <Scatter
              key={`${a}-not`}
              name={t('compare.sweep.notReached', { activation: name(a) })}
              data={dots(a, 'notReached')}
              fill={COLOURS[a]}
              shape="cross"
              isAnimationActive={false}
            />
          ))}
          {activations.map((a) => (
            <Scatter
              key={`${a}-div`}
              name={t('compare.sweep.diverged', { activation: name(a) })}
              data={dots(a, 'diverged')}
              fill={COLOURS[a]}
              shape="diamond"
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
      <ul className="chart-legend">
        {activations.map((a) => (
          <li key={a}>
            <svg width={16} height={10} aria-hidden="true">
              <line x1={0} y1={5} x2={16} y2={5} stroke={COLOURS[a]} strokeWidth={2} />
            </svg>
            {name(a)}
          </li>
        ))}
        <li>
          <svg width={12} height={12} aria-hidden="true">
            <path d="M2 2 L10 10 M10 2 L2 10" stroke="#444" strokeWidth={2} />
          </svg>
          {t('compare.sweep.legendNotReached')}
        </li>
        <li>
          <svg width={12} height={12} aria-hidden="true">
            <path d="M6 1 L11 6 L6 11 L1 6 Z" fill="#444" stroke="#444" />
          </svg>
          {t('compare.sweep.legendDiverged')}
        </li>
      </ul>
    </figure>
  );
}
