import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../app/format';
import { useLanguage } from '../i18n/setup';
import type { Language } from '../i18n/languages';
import type { KeyboardEvent } from 'react';
import { blues, oranges } from './draw/colour-maps';
import type { Ramp } from './draw/colour-maps';
import './evaluation.css';

interface Props {
  /** Row-major counts, confusion[truth * n + predicted], n = classNames.length (10). */
  confusion: number[];
  classNames: string[];
  selected?: { truth: number; predicted: number } | null;
  onSelect: (truth: number, predicted: number) => void;
}

// Blue for right and orange for wrong: the colour-blind-safe pair of hues. Both ramps darken with the count
// (colour-maps.ts), so counts also read correctly in greyscale.
const CORRECT_RAMP = blues;
const WRONG_RAMP = oranges;

function relativeLuminance(colour: string): number {
  const channel = (k: number) => {
    const c = parseInt(colour.slice(1 + 2 * k, 3 + 2 * k), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** Black or white, whichever contrasts more with the background (WCAG ratio); either way at least 4.5:1. */
function textColour(background: string): string {
  const l = relativeLuminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

/**
 * Log scale: a matrix from a trained net has thousands on the diagonal and single digits off it; on a linear scale
 * every mistake would be the same pale colour. Any non-zero count starts a quarter of the way up the ramp, so a
 * single error is still visibly different from none.
 */
function shade(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return 0.25 + 0.75 * (Math.log1p(count) / Math.log1p(max));
}

function cellStyle(count: number, max: number, correct: boolean): { background: string; color: string } | undefined {
  if (count <= 0) return undefined;
  const background = (correct ? CORRECT_RAMP : WRONG_RAMP)(shade(count, max));
  return { background, color: textColour(background) };
}

/** Ticks for the legend: 1, 10, 100, ... and the largest count, leaving out a decade that would overprint it. */
function legendTicks(max: number): number[] {
  const ticks: number[] = [];
  for (let v = 1; v < max; v *= 10) if (Math.log1p(v) / Math.log1p(max) < 0.8) ticks.push(v);
  if (max > 0) ticks.push(max);
  return ticks;
}

function LegendRamp({ label, ramp, max, language }: { label: string; ramp: Ramp; max: number; language: Language }) {
  const stops = Array.from({ length: 9 }, (_, k) => ramp(0.25 + (0.75 * k) / 8)).join(', ');
  return (
    <div className="confusion-legend-ramp">
      <span className="confusion-legend-label">{label}</span>
      <span className="confusion-legend-bar" style={{ background: `linear-gradient(to right, ${stops})` }} aria-hidden="true" />
      <span className="confusion-legend-ticks" aria-hidden="true">
        {legendTicks(max).map((v) => (
          <span key={v} style={{ left: `${((shade(v, max) - 0.25) / 0.75) * 100}%` }}>
            {formatCount(v, language)}
          </span>
        ))}
      </span>
    </div>
  );
}

/**
 * Which true classes the network mistakes for which: a 10x10 heatmap, rows the true class, columns the prediction.
 * Every cell is a button that selects its test images; arrow keys move between cells so the matrix is one Tab stop.
 */
export function ConfusionMatrix({ confusion, classNames, selected = null, onSelect }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = classNames.length;
  const count = (t: number, p: number) => confusion[t * n + p] ?? 0;
  let total = 0;
  let correct = 0;
  let max = 0;
  for (let t = 0; t < n; t++) {
    for (let p = 0; p < n; p++) {
      const c = count(t, p);
      total += c;
      if (t === p) correct += c;
      if (c > max) max = c;
    }
  }

  const [focus, setFocus] = useState<{ truth: number; predicted: number } | null>(null);
  const cells = useRef(new Map<number, HTMLButtonElement>());
  // The roving Tab stop: the last focused cell, else the selected one, else the top-left.
  const stop = focus ?? selected ?? { truth: 0, predicted: 0 };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, t: number, p: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [t - 1, p],
      ArrowDown: [t + 1, p],
      ArrowLeft: [t, p - 1],
      ArrowRight: [t, p + 1],
      Home: [t, 0],
      End: [t, n - 1],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const [nt, np] = [Math.max(0, Math.min(n - 1, move[0])), Math.max(0, Math.min(n - 1, move[1]))];
    setFocus({ truth: nt, predicted: np });
    cells.current.get(nt * n + np)?.focus();
  };

  const name = (c: number) => classNames[c] ?? String(c);

  return (
    <section className="confusion" aria-label={t('evaluation.confusion.label')}>
      <p className="confusion-summary" data-testid="confusion-summary">
        {total > 0
          ? t('evaluation.confusion.summary', { off: formatCount(total - correct, language), total: formatCount(total, language) })
          : t('evaluation.confusion.empty')}
      </p>
      <div className="confusion-scroll">
        <table className="confusion-table">
          <caption className="eval-visually-hidden">{t('evaluation.confusion.caption')}</caption>
          <thead>
            <tr>
              <td colSpan={2} rowSpan={2} className="confusion-corner" />
              <th scope="colgroup" colSpan={n} className="confusion-axis">
                {t('evaluation.confusion.predicted')}
              </th>
            </tr>
            <tr>
              {classNames.map((c, p) => (
                // The name is cut short on a phone: the title shows all of it.
                <th key={p} scope="col" className="confusion-class" title={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {classNames.map((rowName, r) => (
              <tr key={r}>
                {r === 0 && (
                  <th scope="rowgroup" rowSpan={n} className="confusion-axis confusion-axis-rows">
                    <span>{t('evaluation.confusion.truth')}</span>
                  </th>
                )}
                <th scope="row" className="confusion-class">
                  {rowName}
                </th>
                {classNames.map((_, p) => {
                  const c = count(r, p);
                  const isSelected = selected?.truth === r && selected.predicted === p;
                  const isStop = stop.truth === r && stop.predicted === p;
                  return (
                    <td key={p} className="confusion-td">
                      <button
                        type="button"
                        ref={(el) => {
                          if (el) cells.current.set(r * n + p, el);
                          else cells.current.delete(r * n + p);
                        }}
                        className={`confusion-cell${r === p ? ' is-diagonal' : ''}${isSelected ? ' is-selected' : ''}`}
                        style={cellStyle(c, max, r === p)}
                        tabIndex={isStop ? 0 : -1}
                        aria-pressed={isSelected}
                        aria-label={t('evaluation.confusion.cell', {
                          truth: name(r),
                          predicted: name(p),
                          count: c,
                          n: formatCount(c, language),
                        })}
                        title={t('evaluation.confusion.cellTitle', { truth: name(r), predicted: name(p), n: formatCount(c, language) })}
                        data-testid="confusion-cell"
                        data-count={c}
                        data-truth={r}
                        data-predicted={p}
                        onFocus={() => setFocus({ truth: r, predicted: p })}
                        onKeyDown={(e) => onKeyDown(e, r, p)}
                        onClick={() => onSelect(r, p)}
                      >
                        {formatCount(c, language)}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="confusion-legend" role="group" aria-label={t('evaluation.confusion.legend')}>
        <LegendRamp label={t('evaluation.confusion.correct')} ramp={CORRECT_RAMP} max={max} language={language} />
        <LegendRamp label={t('evaluation.confusion.wrong')} ramp={WRONG_RAMP} max={max} language={language} />
        <p className="confusion-legend-note">{t('evaluation.confusion.legendNote')}</p>
      </div>
    </section>
  );
}
