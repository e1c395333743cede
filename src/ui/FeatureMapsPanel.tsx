import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainConfig } from '../settings';
import { FeatureMaps } from './FeatureMaps';
import type { PageStatus, TrainingSession } from '../app/session';
import { imageSize, paintImage, type ImageShape } from './draw/image';

const STRIP = 12;

/**
 * Live feature maps of one test image, computed in the Worker every few steps. The strip picks the image;
 * a drawing's maps (from the evaluation panel) show here too.
 */
export const FeatureMapsPanel = memo(function FeatureMapsPanel({
  session,
  status,
  dataset,
  activation,
  hasModel,
}: {
  session: TrainingSession;
  status: PageStatus;
  dataset: TrainConfig['dataset'];
  activation: TrainConfig['activation'];
  hasModel: boolean;
}) {
  const { t } = useTranslation();
  const [strip, setStrip] = useState<{ pixels: Uint8Array; shape: ImageShape; count: number } | null>(null);
  const [probe, setProbe] = useState(0);
  const [every, setEvery] = useState(10);

  useEffect(() => {
    let cancelled = false;
    void session
      .images(
        dataset,
        Array.from({ length: STRIP }, (_, i) => i),
      )
      .then((e) => {
        if (cancelled) return;
        // A dataset that cannot be read shows no strip (its setting says why).
        setStrip(
          e.type === 'images'
            ? { pixels: e.pixels, shape: { height: e.height, width: e.width, channels: e.channels }, count: e.indices.length }
            : null,
        );
      });
    return () => {
      cancelled = true;
    };
  }, [session, dataset]);

  useEffect(() => {
    session.setVis({ every, probeIndex: probe });
  }, [session, every, probe]);

  const maps = status.featureMaps;
  // After the maps' canvases have been drawn (children's effects run first).
  useEffect(() => {
    if (maps) session.mapsDrawn();
  }, [session, maps]);
  const size = strip ? imageSize(strip.shape) : 0;
  const input = maps && maps.probeIndex >= 0 && strip ? strip.pixels.subarray(maps.probeIndex * size, (maps.probeIndex + 1) * size) : null;
  return (
    <section className="feature-maps-panel" aria-label={t('featureMaps.title')}>
      <h2>{t('featureMaps.title')}</h2>
      <div className="probe-strip" role="radiogroup" aria-label={t('featureMaps.pick')}>
        {strip &&
          Array.from({ length: strip.count }, (_, i) => (
            <ProbeThumb
              key={i}
              pixels={strip.pixels.subarray(i * size, (i + 1) * size)}
              shape={strip.shape}
              checked={probe === i}
              onPick={() => setProbe(i)}
              index={i}
            />
          ))}
      </div>
      <label>
        {t('featureMaps.every')}{' '}
        <select value={every} onChange={(e) => setEvery(Number(e.target.value))} data-testid="vis-every">
          <option value={0}>{t('featureMaps.never')}</option>
          {[5, 10, 50].map((n) => (
            <option key={n} value={n}>
              {t('featureMaps.everySteps', { n })}
            </option>
          ))}
        </select>{' '}
        <span className="note">{t('featureMaps.budget')}</span>
      </label>
      {maps ? (
        <FeatureMaps
          maps={maps}
          activation={activation}
          inputPixels={input}
          inputShape={maps.probeIndex >= 0 ? strip?.shape : undefined}
          caption={
            maps.probeIndex < 0 ? t('featureMaps.yourDrawing') : t('featureMaps.testImageAt', { n: maps.probeIndex + 1, step: maps.step })
          }
        />
      ) : (
        <p className="empty">{hasModel ? t('featureMaps.whileTraining') : t('featureMaps.pressTrain')}</p>
      )}
    </section>
  );
});

function ProbeThumb({
  pixels,
  shape,
  checked,
  onPick,
  index,
}: {
  pixels: Uint8Array;
  shape: ImageShape;
  checked: boolean;
  onPick: () => void;
  index: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    // Digits as dark ink on white, as on paper; colour images as they are.
    paintImage(ctx, pixels, shape, { invert: shape.channels === 1 });
  }, [pixels, shape]);
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      className={checked ? 'thumb checked' : 'thumb'}
      onClick={onPick}
      aria-label={t('featureMaps.testImage', { n: index + 1 })}
    >
      <canvas ref={ref} width={shape.width} height={shape.height} style={{ width: 36, height: 36 }} data-testid="probe-thumb" aria-hidden />
    </button>
  );
}
