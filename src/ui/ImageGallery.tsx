import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { imageSize, paintImage, type ImageShape } from './draw/image';
import './evaluation.css';

interface Props {
  /** `count` images of `shape` (bytes 0..255, as in the data set: digits white on black, colour HWC), back to back. */
  images: Uint8Array;
  count: number;
  shape: ImageShape;
  /** One per image, e.g. "true 4 → predicted 9 (97%)" (see predictionCaption in mistakes.ts). */
  captions: string[];
  title: string;
  emptyText: string;
  /** When given, each image is a button, e.g. to look at it in the feature-map view. */
  onPick?: (i: number) => void;
}

function GalleryCanvas({ images, index, shape }: { images: Uint8Array; index: number; shape: ImageShape }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const size = imageSize(shape);
    paintImage(ctx, images.subarray(index * size, (index + 1) * size), shape);
  }, [images, index, shape]);
  // The caption next to it says what it shows, so the picture itself is hidden from screen readers.
  return (
    <canvas
      ref={ref}
      className="image-gallery-canvas"
      width={shape.width}
      height={shape.height}
      data-testid="gallery-canvas"
      aria-hidden="true"
    />
  );
}

/** A titled strip of test images (greyscale or colour, any size), each with a caption; optionally each one pickable. */
export function ImageGallery({ images, count, shape, captions, title, emptyText, onPick }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const size = imageSize(shape);
  const shown = size > 0 ? Math.max(0, Math.min(Math.floor(count), Math.floor(images.length / size))) : 0;
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
                    <GalleryCanvas images={images} index={i} shape={shape} />
                    <span className="image-gallery-caption">{caption}</span>
                  </button>
                ) : (
                  <figure className="image-gallery-figure">
                    <GalleryCanvas images={images} index={i} shape={shape} />
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
