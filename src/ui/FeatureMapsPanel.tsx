import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainConfig } from '../settings';
import { FeatureMaps } from './FeatureMaps';
import type { PageStatus, TrainingSession } from '../app/session';
import { paintGrey } from './draw/grey-image';

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
  const [strip, setStrip] = useState<Uint8Array | null>(null);
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
        if (!cancelled && e.type === 'images') setStrip(e.pixels);
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
  const input = maps && maps.probeIndex >= 0 && strip ? strip.subarray(maps.probeIndex * 784, (maps.probeIndex + 1) * 784) : null;
  return (
    <section className="feature-maps-panel" aria-label={t('featureMaps.title')}>
      <h2>{t('featureMaps.title')}</h2>
      <div className="probe-strip" role="radiogroup" aria-label={t('featureMaps.pick')}>
        {strip &&
          Array.from({ length: STRIP }, (_, i) => (
            <ProbeThumb
              key={i}
              pixels={strip.subarray(i * 784, (i + 1) * 784)}
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

function ProbeThumb({ pixels, checked, onPick, index }: { pixels: Uint8Array; checked: boolean; onPick: () => void; index: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    paintGrey(ctx, pixels, 28, { invert: true });
  }, [pixels]);
  return (
    <button
      type="button"
      role="radio"
      aria-checked={checked}
      className={checked ? 'thumb checked' : 'thumb'}
      onClick={onPick}
      aria-label={t('featureMaps.testImage', { n: index + 1 })}
    >
      <canvas ref={ref} width={28} height={28} style={{ width: 36, height: 36 }} aria-hidden />
    </button>
  );
}
