/**
 * "Inside the network" (issue #13): for the run shown, or both runs of a preset's pair side by side, what each conv
 * and dense layer does while it trains: its activations as a heat strip over steps with the histogram now, the share
 * of saturated or dead units, the size of its weight gradient and of its update relative to its weights, each with
 * a one-line reading. Both runs of a pair share every scale. The Worker measures (src/train/inside.ts); this only
 * draws, on canvases, once per capture.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, formatSignificant } from '../app/format';
import { msg } from '../i18n/message';
import { activationName, gradientReading, layerReading, unitsReading, updateReading } from '../app/inside-reading';
import type { InsideHistory, LayerCapture, LayerInfo } from '../app/inside-store';
import { RUN_COLORS, type RunRecord } from '../app/run-store';
import type { TrainingSession } from '../app/session';
import type { Message } from '../i18n/message';
import type { Language } from '../i18n/languages';
import { useLanguage, useSay } from '../i18n/setup';
import { INSIDE_MIN_CAPTURES, SATURATION_MARGIN } from '../train/inside-scale';
import { binWindow, layerColor, logDomain, maxShare, paintLines, paintStrip, type LineSeries } from './draw/inside-plots';
import { useStore } from './use-store';
import './inside.css';

/** What drawing the canvases of one capture cost the main thread, summed by the canvases and reported by the panel. */
class DrawCost {
  private ms = 0;
  add(ms: number): void {
    this.ms += ms;
  }
  take(): number {
    const ms = this.ms;
    this.ms = 0;
    return ms;
  }
}

type Draw = (ctx: CanvasRenderingContext2D, width: number, height: number) => void;

/** A canvas drawn at its CSS size times the screen's pixel ratio, again when `draw` changes or the box resizes. */
function Canvas({ draw, cost, className, label }: { draw: Draw; cost: DrawCost; className: string; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  // Measured before the first paint, so that a new canvas is drawn once, not blank and then again.
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const fit = (w: number, h: number) =>
      setSize((s) => (s && s.w === Math.round(w) && s.h === Math.round(h) ? s : { w: Math.round(w), h: Math.round(h) }));
    const box = canvas.getBoundingClientRect();
    fit(box.width, box.height);
    const observer = new ResizeObserver(([entry]) => fit(entry.contentRect.width, entry.contentRect.height));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !size || size.w === 0 || size.h === 0) return;
    const t0 = performance.now();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.w * ratio);
    canvas.height = Math.round(size.h * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    draw(ctx, size.w, size.h);
    cost.add(performance.now() - t0);
  }, [draw, size, cost]);
  return <canvas ref={ref} className={className} role="img" aria-label={label} />;
}

interface Shown {
  id: string;
  name: string;
  color: string;
  history: InsideHistory | undefined;
}

const EVERY = [0, 10, 50, 100];

export const InsidePanel = memo(function InsidePanel({ session, runs }: { session: TrainingSession; runs: RunRecord[] }) {
  const { t } = useTranslation();
  const histories = useStore(session.inside.subscribe, session.inside.getSnapshot);
  const [every, setEvery] = useState(10);
  const [cost] = useState(() => new DrawCost());

  useEffect(() => {
    session.setVis({ inside: every });
  }, [session, every]);

  // Only what the drawing needs from the runs: a run record changes at every step, its statistics far less often.
  const ids = runs.map((r) => `${r.id}\u0000${r.name}\u0000${r.color}`).join('\u0001');
  const shown: Shown[] = useMemo(
    () =>
      ids
        .split('\u0001')
        .filter(Boolean)
        .map((s) => {
          const [id, name, color] = s.split('\u0000');
          return { id, name, color: RUN_COLORS[Number(color)], history: histories.get(id) };
        }),
    [ids, histories],
  );
  const withData = shown.filter((s) => s.history && s.history.captures.length > 0);
  const captured = withData.length > 0;

  // After the canvases' own effects (children's run first): what this capture's drawing cost.
  useEffect(() => {
    if (captured) session.insideDrawn(cost.take());
  }, [session, histories, captured, cost]);

  const maxStep = Math.max(1, ...withData.map((s) => s.history!.captures.at(-1)!.step));
  const layers = withData[0]?.history!.layers ?? [];
  const images = withData[0]?.history!.images ?? 16;
  const margin = SATURATION_MARGIN;

  return (
    <section className="inside-panel" aria-label={t('inside.title')} data-testid="inside">
      <h2>{t('inside.title')}</h2>
      <p className="note">{t('inside.intro', { images })}</p>
      <p className="note">{t('inside.definitions', { tanh: 1 - margin, low: margin, high: 1 - margin })}</p>
      <label className="inside-every">
        {t('inside.every')}{' '}
        <select value={every} onChange={(e) => setEvery(Number(e.target.value))} data-testid="inside-every">
          {EVERY.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? t('inside.never') : t('inside.steps', { count: n })}
            </option>
          ))}
        </select>{' '}
        <span className="note">{t('inside.budget', { min: INSIDE_MIN_CAPTURES })}</span>
      </label>
      {shown.length === 0 ? (
        <p className="empty">{t('inside.empty')}</p>
      ) : !captured ? (
        <p className="empty">{every === 0 ? t('inside.off') : t('inside.waiting')}</p>
      ) : (
        <div className="inside-body" style={{ ['--inside-runs' as string]: shown.length }}>
          <div className="inside-row inside-heads">
            {shown.map((s) => (
              <div
                key={s.id}
                className="inside-head"
                data-testid="inside-run"
                data-run-id={s.id}
                data-captures={s.history?.captures.length ?? 0}
              >
                <span className="swatch" style={{ background: s.color }} aria-hidden /> {s.name}
                {s.history && <span className="note"> · {t('inside.probeStep', { step: s.history.captures.at(-1)!.step })}</span>}
              </div>
            ))}
          </div>
          <h3>{t('inside.histograms.title')}</h3>
          <p className="note">{t('inside.histograms.note')}</p>
          {layers.map((layer) => (
            <LayerRow key={layer.name} name={layer.name} shown={shown} maxStep={maxStep} cost={cost} />
          ))}
          <h3>{t('inside.charts.title')}</h3>
          <ul className="inside-legend" aria-label={t('inside.layers')}>
            {layers.map((l, i) => (
              <li key={l.name}>
                <span className="swatch" style={{ background: layerColor(i, layers.length) }} aria-hidden /> {l.name}
              </li>
            ))}
          </ul>
          <ChartRow kind="units" shown={shown} maxStep={maxStep} cost={cost} />
          <ChartRow kind="gradient" shown={shown} maxStep={maxStep} cost={cost} />
          <ChartRow kind="update" shown={shown} maxStep={maxStep} cost={cost} />
        </div>
      )}
    </section>
  );
});

const layerIndex = (h: InsideHistory | undefined, name: string) => (h ? h.layers.findIndex((l) => l.name === name) : -1);

/**
 * One layer, one cell per run, on one scale: the bins any run's values reach, and one colour for the same share.
 * Memoised, like the chart rows: the page re-renders at every step, the statistics change far less often.
 */
const LayerRow = memo(function LayerRow({ name, shown, maxStep, cost }: { name: string; shown: Shown[]; maxStep: number; cost: DrawCost }) {
  const { bins, vmax } = useMemo(() => {
    const all: ArrayLike<number>[] = [];
    for (const s of shown) {
      const i = layerIndex(s.history, name);
      if (i >= 0) for (const c of s.history!.captures) all.push(c.layers[i].hist);
    }
    return { bins: binWindow(all), vmax: maxShare(all) };
  }, [shown, name]);
  return (
    <div className="inside-row">
      {shown.map((s) => {
        const i = layerIndex(s.history, name);
        return i < 0 ? (
          <div key={s.id} className="inside-cell" />
        ) : (
          <StripCell key={s.id} run={s} index={i} bins={bins} vmax={vmax} maxStep={maxStep} cost={cost} />
        );
      })}
    </div>
  );
});

function StripCell({
  run,
  index,
  bins,
  vmax,
  maxStep,
  cost,
}: {
  run: Shown;
  index: number;
  bins: [number, number];
  vmax: number;
  maxStep: number;
  cost: DrawCost;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const language = useLanguage();
  const history = run.history!;
  const info = history.layers[index];
  const last = history.captures.at(-1)!;
  const draw = useCallback<Draw>(
    (ctx, width, height) =>
      paintStrip(
        ctx,
        history.captures.map((c) => ({ step: c.step, hist: c.layers[index].hist })),
        { width, height, bins, maxStep, vmax },
      ),
    [history, index, bins, maxStep, vmax],
  );
  return (
    <figure className="inside-cell" data-testid="inside-strip">
      <figcaption>{say(describeLayer(info))}</figcaption>
      <Canvas draw={draw} cost={cost} className="inside-strip" label={t('inside.histograms.strip', { layer: info.name, run: run.name })} />
      <p className="inside-reading" data-testid="inside-reading">
        {say(layerReading(info, last.layers[index], last.step, language))}
      </p>
    </figure>
  );
}

/** A layer's caption as a message (a t() call with nested t() calls runs i18next's key types too deep). */
function describeLayer(l: LayerInfo): Message {
  return msg('inside.layer', {
    layer: l.name,
    activation: l.activation === 'linear' ? msg('inside.word.linear') : activationName(l.activation),
    units: l.units,
    what: msg(l.kind === 'conv' ? 'inside.word.filters' : 'inside.word.units'),
  });
}

type ChartKind = 'units' | 'gradient' | 'update';

const VALUE: Record<ChartKind, (l: LayerCapture) => number | null> = {
  units: (l) => l.saturated ?? l.dead,
  gradient: (l) => l.gradNorm,
  update: (l) => l.updateRatio,
};
const READING: Record<ChartKind, (h: InsideHistory, language: Language) => Message | null> = {
  units: unitsReading,
  gradient: gradientReading,
  update: updateReading,
};
const TITLE = { units: 'inside.charts.units', gradient: 'inside.charts.gradient', update: 'inside.charts.update' } as const;
const HEALTHY_UPDATE = 1e-3;

/** One quantity over steps, one chart per run, lines per layer; both runs on the same axes. */
const ChartRow = memo(function ChartRow({
  kind,
  shown,
  maxStep,
  cost,
}: {
  kind: ChartKind;
  shown: Shown[];
  maxStep: number;
  cost: DrawCost;
}) {
  const { t } = useTranslation();
  const y = useMemo<[number, number]>(() => {
    if (kind === 'units') return [0, 1];
    const values = shown.flatMap((s) => s.history?.captures.flatMap((c) => c.layers.map(VALUE[kind])) ?? []);
    return logDomain(values, kind === 'update' ? HEALTHY_UPDATE : undefined);
  }, [kind, shown]);
  return (
    <>
      <h4 className="inside-chart-title">
        {t(TITLE[kind])}
        {kind === 'update' && <span className="note"> ({t('inside.charts.healthy')})</span>}
      </h4>
      <div className="inside-row">
        {shown.map((s) =>
          s.history ? (
            <ChartCell key={s.id} kind={kind} run={s} y={y} maxStep={maxStep} cost={cost} />
          ) : (
            <div key={s.id} className="inside-cell" />
          ),
        )}
      </div>
    </>
  );
});

function ChartCell({ kind, run, y, maxStep, cost }: { kind: ChartKind; run: Shown; y: [number, number]; maxStep: number; cost: DrawCost }) {
  const { t } = useTranslation();
  const say = useSay();
  const language = useLanguage();
  const history = run.history!;
  const draw = useCallback<Draw>(
    (ctx, width, height) => {
      const n = history.layers.length;
      const series: LineSeries[] = history.layers.map((_, i) => ({
        color: layerColor(i, n),
        points: history.captures.map((c) => ({ x: c.step, y: VALUE[kind](c.layers[i]) })),
      }));
      paintLines(ctx, series, {
        width,
        height,
        maxX: maxStep,
        y,
        log: kind !== 'units',
        reference: kind === 'update' ? HEALTHY_UPDATE : undefined,
        format: kind === 'units' ? (v) => formatPercent(v, language, 0) : formatSignificant,
      });
    },
    [history, kind, y, maxStep, language],
  );
  const reading = READING[kind](history, language);
  const sub =
    kind !== 'units'
      ? null
      : history.layers.some((l) => l.activation === 'relu')
        ? t('inside.charts.dead')
        : t('inside.charts.saturated', { activation: activationName(history.layers[0]?.activation ?? '') });
  return (
    <figure className="inside-cell" data-testid={`inside-chart-${kind}`}>
      {sub && <figcaption>{sub}</figcaption>}
      <Canvas draw={draw} cost={cost} className="inside-chart" label={`${run.name}: ${t(TITLE[kind])}`} />
      {reading && (
        <p className="inside-reading" data-testid="inside-reading">
          {say(reading)}
        </p>
      )}
    </figure>
  );
}
