import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { paintGrey } from './draw/grey-image';
import './evaluation.css';

interface Props {
  /** `count` images of 28x28 bytes (0..255, white ink on black, as in the data set), back to back. */
  images: Uint8Array;
  count: number;
  /** One per image, e.g. "true 4 → predicted 9 (97%)" (see predictionCaption in mistakes.ts). */
  captions: string[];
  title: string;
  emptyText: string;
  /** When given, each image is a button, e.g. to look at it in the feature-map view. */
  onPick?: (i: number) => void;
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;

function GalleryCanvas({ images, index }: { images: Uint8Array; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    paintGrey(ctx, images.subarray(index * PIXELS, (index + 1) * PIXELS), SIDE);
  }, [images, index]);
  // The caption next to it says what it shows, so the picture itself is hidden from screen readers.
  return <canvas ref={ref} className="image-gallery-canvas" width={SIDE} height={SIDE} aria-hidden="true" />;
}

/** A titled strip of 28x28 test images, each with a caption; optionally each one pickable. */
export function ImageGallery({ images, count, captions, title, emptyText, onPick }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const shown = Math.max(0, Math.min(Math.floor(count), Math.floor(images.length / PIXELS)));
  return (
    <section className="image-gallery" aria-labelledby={titleId}>
      <h3 id={titleId} className="image-gallery-title">
        {title}
      </h3>
      {shown === 0 ? (
        <p className="image-gallery-empty">{emptyText}</p>
      ) : (
        <ul className="image-gallery-list">
          {Array.from({ length: shown }, (_, i) => {
            const caption = captions[i] ?? t('evaluation.image', { n: i + 1 });
            return (
              <li key={i} className="image-gallery-item" data-testid="gallery-image" data-index={i}>
                {onPick ? (
                  <button type="button" className="image-gallery-figure image-gallery-pick" onClick={() => onPick(i)}>
                    <GalleryCanvas images={images} index={i} />
                    <span className="image-gallery-caption">{caption}</span>
                  </button>
                ) : (
                  <figure className="image-gallery-figure">
                    <GalleryCanvas images={images} index={i} />
                    <figcaption className="image-gallery-caption">{caption}</figcaption>
                  </figure>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
