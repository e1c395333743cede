import { memo, useEffect, useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { classNames } from '../app/datasets';
import { formatCount, formatPercent } from '../app/format';
import { isBuiltinDataset } from '../data/dataset';
import { useLanguage } from '../i18n/setup';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DrawDigit } from './DrawDigit';
import { ImageGallery } from './ImageGallery';
import { cellIndices, mostConfidentMistakes, predictionCaption } from '../app/mistakes';
import type { TrainConfig } from '../settings';
import type { Shape3 } from '../model/networks';
import type { ImageShape } from './draw/image';
import type { RunRecord } from '../app/run-store';
import type { TrainingSession } from '../app/session';

/** Which images a gallery shows; its words are written when it is drawn, so they follow the page's language. */
interface Gallery {
  /** The most confident mistakes, or the images of one confusion-matrix cell. */
  cell: { truth: number; predicted: number; total: number } | null;
  images: Uint8Array;
  shape: ImageShape;
  labels: Uint8Array;
  indices: number[];
  /** The result the images were picked from (a newer one may arrive before the next gallery). */
  test: NonNullable<RunRecord['test']>;
}

const GALLERY_SIZE = 24;

/** Test accuracy, the confusion matrix, the images behind any cell, the worst mistakes, and drawing. */
export const EvaluationPanel = memo(function EvaluationPanel({
  session,
  runName,
  dataset,
  userClassNames,
  imageShape,
  test,
  live,
}: {
  session: TrainingSession;
  /** Only what the panel shows, so a training step of the run does not redraw it. */
  runName: string | null;
  dataset: TrainConfig['dataset'];
  /** An imported dataset's class names (its folders, or its archive's), from the Worker. */
  userClassNames?: readonly string[];
  /** The dataset's image shape, where known: the drawing pad draws 28×28 greyscale images only. */
  imageShape: Shape3 | null;
  test: RunRecord['test'];
  live: boolean;
}) {
  const [selected, setSelected] = useState<{ truth: number; predicted: number } | null>(null);
  const [gallery, setGallery] = useState<Gallery | null>(null);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const { t } = useTranslation();
  const language = useLanguage();
  // A built-in dataset's class names are the page's words; an imported one's are its folders'.
  const names = useMemo(
    () => (isBuiltinDataset(dataset) ? classNames(dataset, language) : [...(userClassNames ?? [])]),
    [dataset, language, userClassNames],
  );
  const [shownTest, setShownTest] = useState(test);
  if (shownTest !== test) {
    setShownTest(test);
    setSelected(null); // a new result: the old cell no longer means anything
  }

  const show = (cell: Gallery['cell'], indices: number[], test: Gallery['test']) =>
    session.images(dataset, indices).then((e): Gallery | null =>
      e.type !== 'images'
        ? null
        : {
            cell,
            images: e.pixels,
            shape: { height: e.height, width: e.width, channels: e.channels },
            labels: e.labels,
            indices: e.indices,
            test,
          },
    );

  // A new result opens on its most confident mistakes.
  useEffect(() => {
    if (!test) return;
    let cancelled = false;
    void show(null, mostConfidentMistakes(test.labels, test.predictions, test.confidence, GALLERY_SIZE), test).then(
      (g) => !cancelled && setGallery(g),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refresh only when a new result arrives
  }, [test]);

  const pick = (truth: number, predicted: number) => {
    if (!test) return;
    setSelected({ truth, predicted });
    const idx = cellIndices(test.labels, test.predictions, truth, predicted, GALLERY_SIZE);
    void show({ truth, predicted, total: test.confusion[truth * names.length + predicted] }, idx, test).then(setGallery);
  };

  const galleryTitle = (g: Gallery) => {
    if (!g.cell) return t('evaluation.mistakes');
    const cell = { truth: names[g.cell.truth], predicted: names[g.cell.predicted] };
    return g.indices.length < g.cell.total
      ? t('evaluation.cellFirst', { ...cell, total: formatCount(g.cell.total, language), shown: g.indices.length })
      : t('evaluation.cell', { ...cell, count: g.cell.total, n: formatCount(g.cell.total, language) });
  };

  // The pad draws grey strokes on 28×28 (MNIST's and Fashion-MNIST's images); a colour or larger image it cannot.
  const drawable = imageShape !== null && imageShape[0] === 28 && imageShape[1] === 28 && imageShape[2] === 1;

  const predict = async (pixels: Float32Array) => {
    const e = await session.predict(pixels);
    if (e.type === 'prediction') setProbabilities(e.probabilities);
  };

  return (
    <section className="evaluation" aria-label={t('evaluation.title')}>
      <h2>
        {t('evaluation.title')} {runName && <small>{t('evaluation.ofRun', { name: runName })}</small>}
      </h2>
      {test ? (
        <>
          <p data-testid="test-accuracy">
            <Trans
              i18nKey="evaluation.testAccuracy"
              values={{
                accuracy: formatPercent(test.accuracy, language, 2),
                images: formatCount(test.count, language),
                step: test.step,
                loss: test.loss.toFixed(4),
              }}
              components={{ b: <strong /> }}
            />
          </p>
          <ConfusionMatrix confusion={test.confusion} classNames={names} selected={selected} onSelect={pick} />
          {gallery && (
            <ImageGallery
              images={gallery.images}
              count={gallery.indices.length}
              shape={gallery.shape}
              captions={gallery.indices.map((idx, i) =>
                predictionCaption(language, names, gallery.labels[i], gallery.test.predictions[idx], gallery.test.confidence[idx]),
              )}
              title={galleryTitle(gallery)}
              emptyText={t('evaluation.noImages')}
            />
          )}
        </>
      ) : (
        <p className="empty">{live ? t('evaluation.atEndOrNow') : t('evaluation.atEnd')}</p>
      )}
      {live && (
        <button type="button" onClick={() => session.evaluate()} data-testid="evaluate-now">
          {t('evaluation.evaluateNow')}
        </button>
      )}
      <h3>{dataset === 'mnist' ? t('evaluation.drawDigit') : t('evaluation.drawSomething')}</h3>
      <DrawDigit
        onImage={(p) => void predict(p)}
        probabilities={probabilities}
        classNames={names}
        disabled={!runName || !drawable}
        disabledReason={
          !drawable && imageShape
            ? t(imageShape[2] === 3 ? 'evaluation.draw.notColour' : 'evaluation.draw.notThisSize', { shape: imageShape.join('×') })
            : t('evaluation.trainFirst')
        }
      />
    </section>
  );
});
