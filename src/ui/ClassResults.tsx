import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { classResults, type PairFlag, type PairResult } from '../app/class-results';
import { formatDecimal, formatPercent } from '../app/format';
import { useLanguage } from '../i18n/setup';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import { SmoothingSlider, ThresholdInput } from './ChartControls';
import { ChartDownload } from './ChartDownload';
import { ChartLegend } from './ChartLegend';
import { errorCurve } from './chart-series';
import { useSettingWords } from './setting-words';
import './exchange.css';

/** Points per run: 60 runs on one chart, each cut to what its width shows. */
const POINTS = 200;
const ROLE_COLORS = [RUN_COLORS[0], RUN_COLORS[1]];

/** Preset pairs from many students' files, overlaid, with each pair's crossing steps and ratio and the outliers. */
export const ClassResults = memo(function ClassResults({ runs }: { runs: readonly RunRecord[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useSettingWords();
  const [threshold, setThreshold] = useState(0.25);
  const [smoothing, setSmoothing] = useState(0.9);
  const [chosen, setChosen] = useState<string | null>(null);
  // `runs` is new at every training step of any run; the pairs change only with what this key holds: the grouped runs
  // (a preset's pairs, and a sweep's runs, which classResults leaves out), their state, and the names and backend
  // that label and flag them. A run's curve is final once it can be paired (done or stopped).
  const key = runs
    .filter((r) => r.group)
    .map((r) => [r.id, r.group!.id, r.state, r.name, r.backend ?? ''].join('\u0000'))
    .join('\u0001');
  const all = useMemo(
    () => classResults(runs, threshold, smoothing),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `runs` (see above)
    [key, threshold, smoothing],
  );
  // A class: some preset with at least two pairs. One student's own pair is what the comparison panel shows.
  const presets = all.filter((p) => p.pairs.length >= 2);
  const results = presets.find((p) => p.preset === chosen) ?? presets[0];

  const series = useMemo(() => {
    if (!results) return [];
    // ChartLegend draws an entry's dash: each role's entry comes from a pair drawn plainly (not flagged) where there is one.
    const shown = results.pairs.find((p) => p.flags.length === 0) ?? results.pairs[0];
    return results.pairs.flatMap((pair) =>
      [pair.a, pair.b].map((run, role) => {
        const points = errorCurve(run.steps.step, run.steps.acc, smoothing, POINTS);
        return { key: run.id, name: results.roles[role], role, points, flagged: pair.flags.length > 0, inLegend: pair === shown };
      }),
    );
  }, [results, smoothing]);

  if (!results) return null;
  const title = t('exchange.classResults.chartTitle', { preset: results.preset, count: results.pairs.length });
  const [ra, rb] = results.roles;
  const s = results.spread;
  const flagText = (f: PairFlag) => {
    switch (f.kind) {
      case 'backend':
        return t('exchange.classResults.flagBackend', { backend: f.backend, majority: f.majority });
      case 'settings':
        return t('exchange.classResults.flagSettings', { settings: f.settings.map((k) => words.label(k)).join(', ') });
      case 'ratio':
        return t('exchange.classResults.flagRatio');
      case 'noRatio':
        return t('exchange.classResults.flagNoRatio');
    }
  };
  const source = (p: PairResult) => p.a.importedFrom ?? `${p.a.name}, ${p.b.name}`;

  return (
    <section className="class-results" aria-label={t('exchange.classResults.title')} data-testid="class-results">
      <h2>{t('exchange.classResults.title')}</h2>
      <p className="note">{t('exchange.classResults.about')}</p>
      <div className="chart-options">
        {presets.length > 1 && (
          <label>
            {t('exchange.classResults.preset')}{' '}
            <select value={results.preset} onChange={(e) => setChosen(e.target.value)}>
              {presets.map((p) => (
                <option key={p.preset} value={p.preset}>
                  {p.preset} ({p.pairs.length})
                </option>
              ))}
            </select>
          </label>
        )}
        <ThresholdInput label={t('exchange.classResults.threshold')} value={threshold} onChange={setThreshold} testId="class-threshold" />
        <SmoothingSlider label={t('exchange.classResults.smoothing')} value={smoothing} onChange={setSmoothing} />
      </div>
      <figure className="chart" data-testid="class-chart" data-series={series.length}>
        <figcaption>{title}</figcaption>
        <ChartDownload title={title} xLabel={t('exchange.classResults.axisStep')} yLabel={t('exchange.classResults.axisError')} />
        <ResponsiveContainer width="100%" height={280}>
          <LineChart margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#ddd" />
            <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} allowDuplicatedCategory={false} />
            <YAxis domain={[0, 1]} width={48} tickFormatter={(v: number) => formatPercent(v, language, 0)} />
            <Legend content={ChartLegend} />
            <ReferenceLine y={threshold} stroke="#444" strokeDasharray="4 4" />
            {series.map((l) => (
              <Line
                key={l.key}
                name={l.name}
                data={l.points}
                dataKey="y"
                stroke={ROLE_COLORS[l.role]}
                strokeOpacity={l.flagged ? 0.9 : 0.35}
                strokeDasharray={l.flagged ? '5 3' : undefined}
                strokeWidth={l.flagged ? 1.5 : 1}
                dot={false}
                isAnimationActive={false}
                // One legend entry per role: the pairs are many, the roles two.
                legendType={l.inLegend ? 'line' : 'none'}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <p data-testid="class-summary">
        {s
          ? t('exchange.classResults.summary', {
              median: formatDecimal(s.median, language, 2),
              q1: formatDecimal(s.q1, language, 2),
              q3: formatDecimal(s.q3, language, 2),
              iqr: formatDecimal(s.iqr, language, 2),
              count: s.count,
              low: formatDecimal(s.low, language, 2),
              high: formatDecimal(s.high, language, 2),
            })
          : t('exchange.classResults.summaryNone')}
      </p>
      {results.unpaired > 0 && <p className="note">{t('exchange.classResults.unpaired', { count: results.unpaired })}</p>}
      <div className="class-table-wrap">
        <table className="crossings class-table" data-testid="class-table">
          <thead>
            <tr>
              <th>{t('exchange.classResults.source')}</th>
              <th>{t('exchange.classResults.crossing', { role: ra, threshold: formatPercent(threshold, language, 0) })}</th>
              <th>{t('exchange.classResults.crossing', { role: rb, threshold: formatPercent(threshold, language, 0) })}</th>
              <th>{t('exchange.classResults.ratio', { a: ra, b: rb })}</th>
              <th>{t('exchange.classResults.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {results.pairs.map((p) => (
              <tr
                key={p.groupId}
                className={p.flags.length > 0 ? 'flagged' : undefined}
                data-testid="class-row"
                data-flags={p.flags.map((f) => f.kind).join(' ')}
              >
                <td className="file">{source(p)}</td>
                <td className="num">{p.crossingA ?? t('exchange.classResults.notReached')}</td>
                <td className="num">{p.crossingB ?? t('exchange.classResults.notReached')}</td>
                <td className="num">{p.ratio === null ? '–' : `${formatDecimal(p.ratio, language, 2)}×`}</td>
                <td>{p.flags.map(flagText).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});
