import { memo, useEffect, useState } from 'react';
import { formatCount, formatPercent } from '../app/format';
import { datasetClassNames } from '../data/dataset';
import { ConfusionMatrix } from './ConfusionMatrix';
import { DrawDigit } from './DrawDigit';
import { ImageGallery } from './ImageGallery';
import { cellIndices, mostConfidentMistakes, predictionCaption } from '../app/mistakes';
import type { TrainConfig } from '../settings';
import type { RunRecord } from '../app/run-store';
import type { TrainingSession } from '../app/session';

interface Gallery {
  title: string;
  images: Uint8Array;
  captions: string[];
}

const GALLERY_SIZE = 24;

/** Test accuracy, the confusion matrix, the images behind any cell, the worst mistakes, and drawing. */
export const EvaluationPanel = memo(function EvaluationPanel({
  session,
  runName,
  dataset,
  test,
  live,
}: {
  session: TrainingSession;
  /** Only what the panel shows, so a training step of the run does not redraw it. */
  runName: string | null;
  dataset: TrainConfig['dataset'];
  test: RunRecord['test'];
  live: boolean;
}) {
  const [selected, setSelected] = useState<{ truth: number; predicted: number } | null>(null);
  const [gallery, setGallery] = useState<Gallery | null>(null);
  const [probabilities, setProbabilities] = useState<number[] | null>(null);
  const names = datasetClassNames(dataset);
  const [shownTest, setShownTest] = useState(test);
  if (shownTest !== test) {
    setShownTest(test);
    setSelected(null); // a new result: the old cell no longer means anything
  }

  const show = (title: string, indices: number[], t: NonNullable<RunRecord['test']>) =>
    session.images(dataset, indices).then((e) =>
      e.type !== 'images'
        ? null
        : {
            title,
            images: e.pixels,
            captions: indices.map((idx, i) => predictionCaption(names, e.labels[i], t.predictions[idx], t.confidence[idx])),
          },
    );

  // A new result opens on its most confident mistakes.
  useEffect(() => {
    if (!test) return;
    let cancelled = false;
    void show('Most confident mistakes', mostConfidentMistakes(test.labels, test.predictions, test.confidence, GALLERY_SIZE), test).then(
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
    void show(
      `True ${names[truth]}, predicted ${names[predicted]} (${test.confusion[truth * 10 + predicted]} images${idx.length < test.confusion[truth * 10 + predicted] ? `, first ${idx.length} shown` : ''})`,
      idx,
      test,
    ).then(setGallery);
  };

  const predict = async (pixels: Float32Array) => {
    const e = await session.predict(pixels);
    if (e.type === 'prediction') setProbabilities(e.probabilities);
  };

  return (
    <section className="evaluation" aria-label="Evaluation">
      <h2>Evaluation {runName && <small>({runName})</small>}</h2>
      {test ? (
        <>
          <p data-testid="test-accuracy">
            Test accuracy <strong>{formatPercent(test.accuracy, 2)}</strong> on {formatCount(test.count)} test images after step {test.step}{' '}
            (loss {test.loss.toFixed(4)}).
          </p>
          <ConfusionMatrix confusion={test.confusion} classNames={names} selected={selected} onSelect={pick} />
          {gallery && (
            <ImageGallery
              images={gallery.images}
              count={gallery.captions.length}
              captions={gallery.captions}
              title={gallery.title}
              emptyText="No images here."
            />
          )}
        </>
      ) : (
        <p className="empty">The test set is evaluated at the end of each run{live ? ', or now:' : '.'}</p>
      )}
      {live && (
        <button type="button" onClick={() => session.evaluate()} data-testid="evaluate-now">
          Evaluate on the test set now
        </button>
      )}
      <h3>Draw {dataset === 'mnist' ? 'a digit' : 'something'}</h3>
      <DrawDigit
        onImage={(p) => void predict(p)}
        probabilities={probabilities}
        classNames={names}
        disabled={!runName}
        disabledReason="Train a network first; then draw and see what it makes of your drawing."
      />
    </section>
  );
});
