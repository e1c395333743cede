/**
 * Feature maps of the probed image, as the Worker sends them: one canvas per layer, each channel a small
 * tile, coloured through one viridis scale per layer. The scale is shared by all channels of a layer (the
 * Worker quantises them together), so a bright tile really is more active than a dim one next to it.
 *
 * Drawing is the only work done here and it happens once per `maps` event, never on hover or re-render:
 * the maps arrive every few steps while training, and the page must stay responsive.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSay } from '../i18n/setup';
import type { FeatureMapLayer, FeatureMapsEvent } from '../worker/protocol';
import { VIRIDIS_GRADIENT } from './draw/colour-maps';
import { paintImage, type ImageShape } from './draw/image';
import { channelRange, dequantise } from './draw/quantised';
import { drawTiles, tileAt, tileLayout } from './draw/tiles';
import { formatSignificant } from '../app/format';
import { layerName, sectionTitle } from './feature-map-labels';
import './feature-maps.css';

export interface FeatureMapsProps {
  maps: FeatureMapsEvent | null;
  /** The probed image, row-major (HWC for colour): bytes 0..255 or floats 0..1. Shown beside the maps. */
  inputPixels?: Uint8Array | Float32Array | null;
  /** Its shape; a square greyscale image when not given (a drawing). */
  inputShape?: ImageShape;
  caption?: string;
  /**
   * The conv layers' activation (TrainConfig.activation), for the section titles: the event does not say
   * which one ran, and calling a tanh map "after ReLU" would teach the wrong thing.
   */
  activation?: string;
}

/** Widest a section's canvas is drawn at 1:1; CSS shrinks it further on narrow screens. */
const MAX_SECTION_WIDTH = 600;

// Where the pointer is, not what it shows: the values are read from the current layer at render time, so a
// tooltip left open on a phone does not show the previous step's numbers after new maps arrive.
interface Hover {
  channel: number;
  px: number;
  py: number;
  /** Pointer position inside the section's canvas box, CSS pixels. */
  left: number;
  top: number;
  flip: boolean;
}

const LayerSection = memo(function LayerSection({ layer, title }: { layer: FeatureMapLayer; title: string }) {
  const { t } = useTranslation();
  const say = useSay();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const layout = useMemo(
    () => tileLayout(layer.channels, layer.width, layer.height, MAX_SECTION_WIDTH),
    [layer.channels, layer.width, layer.height],
  );

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (ctx) drawTiles(ctx, layer, layout);
  }, [layer, layout]);

  const onPointer = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = e.currentTarget;
    const rect = canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    const left = e.clientX - rect.left;
    const top = e.clientY - rect.top;
    // The canvas is CSS-scaled on narrow screens: map back to canvas pixels.
    const hit = tileAt(
      layout,
      layer.width,
      layer.height,
      layer.channels,
      (left * canvas.width) / rect.width,
      (top * canvas.height) / rect.height,
    );
    if (!hit) {
      setHover(null);
      return;
    }
    setHover({ ...hit, left, top, flip: left > rect.width / 2 });
  };

  const shown = hover !== null && hover.channel < layer.channels ? hover : null;
  const range = shown ? channelRange(layer, shown.channel) : null;
  const depth = layer.rgb ? 3 : 1;
  const at = shown ? (shown.channel * layer.width * layer.height + shown.py * layer.width + shown.px) * depth : 0;
  const here = shown ? layer.values[at] : undefined;
  const real = (k: number) => formatSignificant(dequantise(layer, layer.values[at + k]));

  const label = t(layer.rgb ? 'featureMaps.canvasLabelRgb' : 'featureMaps.canvasLabel', {
    title,
    channels: layer.channels,
    tile: `${layer.height}×${layer.width}`,
    grid: `${layout.cols}×${layout.rows}`,
    min: formatSignificant(layer.min),
    max: formatSignificant(layer.max),
  });
  const name = layerName(layer);

  return (
    <section className="fm-section">
      <h3 className="fm-title">{title}</h3>
      <div className="fm-canvas-box" style={{ maxWidth: layout.width }}>
        <canvas
          ref={canvasRef}
          className="fm-canvas"
          data-testid="feature-map-canvas"
          data-layer={layer.name}
          width={layout.width}
          height={layout.height}
          role="img"
          aria-label={label}
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          // A touch ends with pointerleave; hiding then would make a tap's tooltip vanish at once.
          onPointerLeave={(e) => {
            if (e.pointerType !== 'touch') setHover(null);
          }}
        />
        {shown && range && (
          <div
            className={shown.flip ? 'fm-tooltip fm-tooltip-flip' : 'fm-tooltip'}
            style={{ left: shown.left, top: shown.top }}
            role="tooltip"
          >
            <strong>{typeof name === 'string' ? name : say(name)}</strong> · {t('featureMaps.channel', { channel: shown.channel })}
            <br />
            {t('featureMaps.range', { min: formatSignificant(range.min), max: formatSignificant(range.max) })}
            {here !== undefined && (
              <>
                <br />
                {layer.rgb
                  ? t('featureMaps.rgbHere', { r: real(0), g: real(1), b: real(2) })
                  : t('featureMaps.here', { value: formatSignificant(dequantise(layer, here)) })}
              </>
            )}
          </div>
        )}
      </div>
      {layer.rgb ? (
        <p className="fm-legend fm-legend-rgb" style={{ maxWidth: Math.max(layout.width, 200) }}>
          {t('featureMaps.rgbLegend', { min: formatSignificant(layer.min), max: formatSignificant(layer.max) })}
        </p>
      ) : (
        <div className="fm-legend" style={{ maxWidth: layout.width }}>
          <span className="fm-legend-value">{formatSignificant(layer.min)}</span>
          <span className="fm-legend-bar" style={{ background: VIRIDIS_GRADIENT }} aria-hidden="true" />
          <span className="fm-legend-value">{formatSignificant(layer.max)}</span>
        </div>
      )}
    </section>
  );
});

function InputImage({ pixels, shape }: { pixels: Uint8Array | Float32Array; shape?: ImageShape }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // A drawing comes without a shape: a square greyscale image.
  const s = useMemo(() => {
    const side = Math.round(Math.sqrt(pixels.length));
    return shape ?? (side > 0 && side * side === pixels.length ? { height: side, width: side, channels: 1 } : null);
  }, [shape, pixels.length]);
  const fits = s !== null && s.height * s.width * s.channels === pixels.length;

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || !s || !fits) return;
    // Bytes are 0..255 already; floats are 0..1 (the drawing pad and the predict command use those).
    paintImage(ctx, pixels, s, { scale: pixels instanceof Float32Array ? 255 : 1 });
  }, [pixels, s, fits]);

  if (!s || !fits) return null;
  const size = `${s.height}×${s.width}`;
  return (
    <figure className="fm-input">
      <canvas
        ref={canvasRef}
        className="fm-input-canvas"
        data-testid="fm-input"
        width={s.width}
        height={s.height}
        role="img"
        aria-label={t(s.channels === 3 ? 'featureMaps.inputLabelColour' : 'featureMaps.inputLabel', { size })}
      />
      <figcaption>{t('featureMaps.input')}</figcaption>
    </figure>
  );
}

export function FeatureMaps({ maps, inputPixels, inputShape, caption, activation = 'relu' }: FeatureMapsProps) {
  const { t } = useTranslation();
  const say = useSay();
  const text =
    caption ??
    (maps
      ? maps.probeIndex >= 0
        ? t('featureMaps.testImageAt', { n: maps.probeIndex + 1, step: maps.step })
        : t('featureMaps.yourDrawingAt', { step: maps.step })
      : undefined);

  return (
    <div className="feature-maps">
      <div className="fm-side">
        {inputPixels ? <InputImage pixels={inputPixels} shape={inputShape} /> : null}
        {text ? <p className="fm-caption">{text}</p> : null}
        <p className="fm-note">{t('featureMaps.note')}</p>
      </div>
      <div className="fm-sections">
        {maps === null ? (
          <p className="fm-empty">{t('featureMaps.none')}</p>
        ) : (
          <>
            {maps.layers.map((layer) => (
              <LayerSection key={layer.name} layer={layer} title={say(sectionTitle(layer, activation))} />
            ))}
            <LayerSection key={`${maps.filters.name}#filters`} layer={maps.filters} title={say(sectionTitle(maps.filters, activation))} />
          </>
        )}
      </div>
    </div>
  );
}

export default FeatureMaps;
