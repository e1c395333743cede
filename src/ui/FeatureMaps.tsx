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
import { paintGrey } from './draw/grey-image';
import { channelRange, dequantise } from './draw/quantised';
import { drawTiles, tileAt, tileLayout } from './draw/tiles';
import { formatSignificant } from '../app/format';
import { layerName, sectionTitle } from './feature-map-labels';
import './feature-maps.css';

export interface FeatureMapsProps {
  maps: FeatureMapsEvent | null;
  /** The probed image, 28x28 row-major: bytes 0..255 or floats 0..1. Shown beside the maps. */
  inputPixels?: Uint8Array | Float32Array | null;
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
  const here = shown ? layer.values[shown.channel * layer.width * layer.height + shown.py * layer.width + shown.px] : undefined;

  const label = t('featureMaps.canvasLabel', {
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
                {t('featureMaps.here', { value: formatSignificant(dequantise(layer, here)) })}
              </>
            )}
          </div>
        )}
      </div>
      <div className="fm-legend" style={{ maxWidth: layout.width }}>
        <span className="fm-legend-value">{formatSignificant(layer.min)}</span>
        <span className="fm-legend-bar" style={{ background: VIRIDIS_GRADIENT }} aria-hidden="true" />
        <span className="fm-legend-value">{formatSignificant(layer.max)}</span>
      </div>
    </section>
  );
});

function InputImage({ pixels }: { pixels: Uint8Array | Float32Array }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const side = Math.round(Math.sqrt(pixels.length));
  const square = side > 0 && side * side === pixels.length;

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || !square) return;
    // Bytes are 0..255 already; floats are 0..1 (the drawing pad and the predict command use those).
    paintGrey(ctx, pixels, side, { scale: pixels instanceof Float32Array ? 255 : 1 });
  }, [pixels, side, square]);

  if (!square) return null;
  return (
    <figure className="fm-input">
      <canvas
        ref={canvasRef}
        className="fm-input-canvas"
        width={side}
        height={side}
        role="img"
        aria-label={t('featureMaps.inputLabel', { size: `${side}×${side}` })}
      />
      <figcaption>{t('featureMaps.input')}</figcaption>
    </figure>
  );
}

export function FeatureMaps({ maps, inputPixels, caption, activation = 'relu' }: FeatureMapsProps) {
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
        {inputPixels ? <InputImage pixels={inputPixels} /> : null}
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
