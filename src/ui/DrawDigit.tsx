import { useId, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../app/format';
import { useLanguage } from '../i18n/setup';
import { MNIST_SIZE, preprocessDrawing } from '../app/mnist-preprocess';
import { paintImage, type ImageShape } from './draw/image';
import './evaluation.css';

/** The preview's image: the network's 28×28 greyscale input. */
const DIGIT: ImageShape = { height: MNIST_SIZE, width: MNIST_SIZE, channels: 1 };

interface Props {
  /** The drawing as the network sees it (28x28, 0..1, row-major), after each stroke. */
  onImage: (pixels: Float32Array) => void;
  probabilities: number[] | null;
  classNames: string[];
  disabled?: boolean;
  disabledReason?: string;
}

/** Drawing resolution; the CSS size is smaller. 18 px strokes at 280 px end up about 1.3 px wide at 28x28 before
 * normalisation, close to MNIST's pen width for a digit that fills the box. */
const CANVAS_SIZE = 280;
const STROKE_WIDTH = 18;

interface Point {
  x: number;
  y: number;
}

function canvasPoint(canvas: HTMLCanvasElement, e: { clientX: number; clientY: number }): Point {
  const rect = canvas.getBoundingClientRect();
  return {
    x: ((e.clientX - rect.left) * canvas.width) / rect.width,
    y: ((e.clientY - rect.top) * canvas.height) / rect.height,
  };
}

/** Draw a digit with mouse, finger or pen; see the 28x28 image the network gets and its ten class probabilities. */
export function DrawDigit({ onImage, probabilities, classNames, disabled = false, disabledReason }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const previewRef = useRef<HTMLCanvasElement>(null);
  // Stroke state lives in refs: it changes on every pointer move and nothing on screen re-renders from it.
  const activePointer = useRef<number | null>(null);
  const lastPoint = useRef<Point | null>(null);
  const [hasDrawing, setHasDrawing] = useState(false);
  const hintId = useId();
  const reasonId = useId();

  const context = () => canvasRef.current?.getContext('2d', { willReadFrequently: true }) ?? null;

  const strokeTo = (ctx: CanvasRenderingContext2D, to: Point) => {
    const from = lastPoint.current ?? to;
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.lineWidth = STROKE_WIDTH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    if (from.x === to.x && from.y === to.y) {
      // A tap is a dot; a zero-length line draws nothing in some browsers.
      ctx.beginPath();
      ctx.arc(to.x, to.y, STROKE_WIDTH / 2, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    }
    lastPoint.current = to;
  };

  const drawPreview = (pixels: Float32Array | null) => {
    const ctx = previewRef.current?.getContext('2d');
    if (!ctx) return;
    // No drawing: a black square.
    paintImage(ctx, pixels ?? new Float32Array(MNIST_SIZE * MNIST_SIZE), DIGIT, { scale: 255 });
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled || activePointer.current !== null) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const canvas = e.currentTarget;
    const ctx = context();
    if (!ctx) return;
    e.preventDefault();
    // Capture keeps the stroke going when the pen leaves the canvas, and guarantees we see the pointerup.
    canvas.setPointerCapture(e.pointerId);
    activePointer.current = e.pointerId;
    lastPoint.current = null;
    strokeTo(ctx, canvasPoint(canvas, e));
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.pointerId !== activePointer.current) return;
    const ctx = context();
    if (!ctx) return;
    const canvas = e.currentTarget;
    // Coalesced events keep fast strokes smooth instead of polygonal.
    const native = e.nativeEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [native]) strokeTo(ctx, canvasPoint(canvas, ev));
  };

  const endStroke = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (e.pointerId !== activePointer.current) return;
    activePointer.current = null;
    lastPoint.current = null;
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx) return;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const pixels = preprocessDrawing(data, canvas.width, canvas.height);
    drawPreview(pixels);
    setHasDrawing(pixels !== null);
    if (pixels) onImage(pixels);
  };

  const clear = () => {
    const canvas = canvasRef.current;
    context()?.clearRect(0, 0, canvas?.width ?? CANVAS_SIZE, canvas?.height ?? CANVAS_SIZE);
    activePointer.current = null;
    lastPoint.current = null;
    drawPreview(null);
    setHasDrawing(false);
  };

  // Stale probabilities next to an empty canvas would read as a prediction for nothing.
  const shown = hasDrawing && probabilities && probabilities.length > 0 ? probabilities : null;
  const top = shown ? shown.reduce((best, p, i) => (p > shown[best] ? i : best), 0) : -1;
  const describedBy = [hintId, disabled && disabledReason ? reasonId : ''].filter(Boolean).join(' ');

  return (
    <section className="draw-digit" aria-label={t('evaluation.draw.label')}>
      <div className="draw-digit-pads">
        <div className="draw-digit-pad">
          <canvas
            ref={canvasRef}
            className="draw-canvas"
            width={CANVAS_SIZE}
            height={CANVAS_SIZE}
            role="img"
            aria-label={t('evaluation.draw.canvas')}
            aria-describedby={describedBy}
            aria-disabled={disabled || undefined}
            data-testid="draw-canvas"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endStroke}
            onPointerCancel={endStroke}
            onLostPointerCapture={endStroke}
          />
          <p id={hintId} className="draw-digit-hint">
            {t('evaluation.draw.hint')}
          </p>
        </div>
        <figure className="draw-digit-preview">
          <canvas
            ref={previewRef}
            className="draw-preview"
            width={MNIST_SIZE}
            height={MNIST_SIZE}
            role="img"
            aria-label={t('evaluation.draw.preview')}
            data-testid="draw-preview"
          />
          <figcaption>{t('evaluation.draw.previewCaption')}</figcaption>
        </figure>
      </div>
      <div className="draw-digit-actions">
        <button type="button" onClick={clear} disabled={!hasDrawing} data-testid="draw-clear">
          {t('evaluation.draw.clear')}
        </button>
        {disabled && disabledReason && (
          <p id={reasonId} className="draw-digit-disabled" role="status">
            {disabledReason}
          </p>
        )}
      </div>
      {/* Always mounted: screen readers only announce changes to a live region that already exists. */}
      <p className="eval-visually-hidden" aria-live="polite">
        {shown
          ? t('evaluation.draw.guess', { name: classNames[top] ?? String(top), probability: formatPercent(shown[top], language) })
          : ''}
      </p>
      {shown && (
        <ol className="draw-probabilities" aria-label={t('evaluation.draw.probabilities')} data-testid="draw-probabilities">
          {shown.map((p, i) => (
            <li
              key={i}
              className={i === top ? 'draw-probability is-top' : 'draw-probability'}
              data-testid="draw-probability"
              data-value={p}
            >
              <span className="draw-probability-label">
                {classNames[i] ?? i}
                {i === top && <span className="eval-visually-hidden"> {t('evaluation.draw.top')}</span>}
              </span>
              <span className="draw-probability-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
              </span>
              <span className="draw-probability-value">{formatPercent(p, language)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
