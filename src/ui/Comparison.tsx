import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatDecimal, formatPercent } from '../app/format';
import { useLanguage } from '../i18n/setup';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { firstCrossing, speedup } from '../train/metrics';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import { SmoothingSlider, ThresholdInput } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import type { PresetRun } from './presets';
import { ChartDownload } from './ChartDownload';
import { errorCurve } from './chart-series';

/** A preset's words in the page's language: title, what it shows, and its runs' names. */
export function usePresetWords() {
  const { t } = useTranslation();
  // Keys built from a preset's id: i18next's types cannot follow them, the locale test checks they exist.
  const tt = t as unknown as (key: string, values?: Record<string, unknown>) => string;
  return useMemo(
    () => ({
      title: (id: string) => tt(`compare.presets.${id}.title`),
      about: (id: string) => tt(`compare.presets.${id}.about`),
      runName: (id: string, r: PresetRun) => tt(`compare.presets.${id}.runs.${r.run}`, r.values),
    }),
    [tt],
  );
}

/**
 * Training error against epochs for a preset's pair, with the threshold line and when each run crossed it. Figure 1's
 * pair says its ratio as the paper did: how many times the steps tanh took.
 */
export function ComparisonPanel({ runs, preset }: { runs: RunRecord[]; preset?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [threshold, setThreshold] = useState(0.25);
  const [smoothing, setSmoothing] = useState(0.9);
  const rows = runs.map((r) => ({ run: r, crossing: firstCrossing(r.steps.step, r.steps.acc, threshold, smoothing) }));
  const ratio = rows.length === 2 ? speedup(rows[0].crossing, rows[1].crossing) : null;
  const series = useMemo(
    () =>
      runs.map((r) => {
        const xs = r.steps.step.map((s) => s / Math.max(1, r.stepsPerEpoch));
        return { run: r, points: errorCurve(xs, r.steps.acc, smoothing) };
      }),
    [runs, smoothing],
  );

  return (
    <section className="comparison" aria-label={t('compare.panel')} data-testid="comparison">
      <div className="chart-options">
        <ThresholdInput label={t('compare.threshold')} value={threshold} onChange={setThreshold} testId="threshold" />
        <SmoothingSlider label={t('compare.smoothing')} value={smoothing} onChange={setSmoothing} />
      </div>
      <figure className="chart" data-testid="chart-error" data-series={series.length}>
        <figcaption>{t('compare.caption')}</figcaption>
        <ChartDownload title={t('compare.caption')} xLabel={t('compare.xLabel')} yLabel={t('compare.yLabel')} />
        <div className="chart-area">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart margin={{ top: 8, right: 40, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
              <XAxis
                dataKey="x"
                type="number"
                domain={[0, 'dataMax']}
                tickFormatter={(v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2))}
              />
              <YAxis domain={[0, 1]} width={60} tickFormatter={(v: number) => formatPercent(v, language, 0)} />
              <Tooltip
                formatter={(v) => (typeof v === 'number' ? formatPercent(v, language) : String(v))}
                labelFormatter={(v) => t('compare.at', { x: Number(Number(v).toFixed(3)) })}
              />
              <Legend content={ChartLegend} />
              <ReferenceLine
                y={threshold}
                stroke="#444"
                strokeDasharray="4 4"
                label={{ value: formatPercent(threshold, language, 0), position: 'right' }}
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
        </div>
      </figure>
      <table className="crossings" data-testid="crossings">
        <thead>
          <tr>
            <th>{t('compare.run')}</th>
            <th>{t('compare.firstStep', { threshold: formatPercent(threshold, language, 0) })}</th>
            <th>{t('compare.epoch')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ run, crossing }) => (
            <tr key={run.id} data-testid="crossing-row">
              <td>
                <span className="swatch" style={{ background: RUN_COLORS[run.color] }} aria-hidden /> {run.name}
              </td>
              <td data-testid="crossing-step">{crossing === null ? t('compare.notReached') : crossing}</td>
              <td>{crossing === null ? '–' : formatDecimal(crossing / Math.max(1, run.stepsPerEpoch), language, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 2 && (
        <p data-testid="crossing-ratio">
          {ratio === null ? (
            t('compare.ratioNone')
          ) : preset === 'figure1' ? (
            <Trans
              i18nKey="compare.figure1.ratio"
              values={{
                first: rows[0].run.name,
                second: rows[1].run.name,
                ratio: formatDecimal(ratio, language, 2),
                threshold: formatPercent(threshold, language, 0),
              }}
              components={{ b: <strong /> }}
            />
          ) : (
            <Trans
              i18nKey="compare.ratio"
              values={{ first: rows[0].run.name, second: rows[1].run.name, ratio: formatDecimal(ratio, language, 2) }}
              components={{ b: <strong /> }}
            />
          )}
        </p>
      )}
      <p className="note">{t('compare.caveat')}</p>
    </section>
  );
}
