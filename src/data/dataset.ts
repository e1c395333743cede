/**
 * Datasets as plain bytes, and how train/validation/test are made. Pure: no DOM, no Node built-ins, so the
 * Worker, the page and Node tests share it.
 */
import { IdxError, parseImages, parseLabels } from './idx';

/** The datasets served as files from public/data/ (CIFAR-10 only where `npm run data:cifar` was run). */
export const BUILTIN_DATASETS = ['mnist', 'fashion', 'cifar10'] as const;
export type DatasetId = (typeof BUILTIN_DATASETS)[number];
/** A dataset the user imported, kept in the Worker's IndexedDB (src/worker/dataset-store.ts). */
export type UserDatasetId = `user:${string}`;
/** What a user dataset's id looks like; the pure core cannot know which ones a browser holds, the Worker checks. */
export const USER_DATASET_ID = /^user:[A-Za-z0-9_-]{1,64}$/;

export const isBuiltinDataset = (id: string): id is DatasetId => (BUILTIN_DATASETS as readonly string[]).includes(id);
export const isUserDatasetId = (id: string): id is UserDatasetId => USER_DATASET_ID.test(id);

/** 1: greyscale; 3: RGB. */
export type Channels = 1 | 3;

/**
 * `count` images of height x width x channels bytes, row-major with the channels of a pixel together (HWC, what
 * tfjs's NHWC tensors take), with one label byte each.
 */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
  channels: Channels;
}

export interface DatasetSplits {
  train: ImageSet;
  validation: ImageSet;
  test: ImageSet;
  /** One name per class; absent for the ten-class built-in sets (DATASET_INFO has their names). */
  classNames?: readonly string[];
}

/** Bytes of one image of a set. */
export const imageBytes = (set: Pick<ImageSet, 'height' | 'width' | 'channels'>): number => set.height * set.width * set.channels;

/** [height, width, channels] of a set's images: a network's input shape (model's Shape3, which data may not import). */
export function imageShape(set: Pick<ImageSet, 'height' | 'width' | 'channels'>): [number, number, number] {
  return [set.height, set.width, set.channels];
}

/** Classes of a dataset: its own names' count, else ten. */
export const classCount = (d: Pick<DatasetSplits, 'classNames'>): number => d.classNames?.length ?? 10;

/** Images in the training file of MNIST, and of our Fashion-MNIST split. */
export const TRAIN_FILE_SIZE = 60_000;
/** Held out from the end of the training file, as in the usual MNIST 55k/5k practice. */
export const VALIDATION_SIZE = 5_000;
/** What trains: the training file without the validation hold-out. */
export const TRAIN_SPLIT_SIZE = TRAIN_FILE_SIZE - VALIDATION_SIZE;
/** Images in the test file of MNIST, and of our Fashion-MNIST split. */
export const TEST_FILE_SIZE = 10_000;

/** The seed of the fixed Fashion-MNIST train/test split (src/data/fashion-split.ts, scripts/build-data.ts). */
export const FASHION_SPLIT_SEED = 2012;

/** CIFAR-10's class names in label order, as its batches.meta.txt says them (the page shows its own words). */
export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
/** Images in CIFAR-10's five training batches and its test batch. */
export const CIFAR_TRAIN_SIZE = 50_000;
export const CIFAR_TEST_SIZE = 10_000;

/** Facts about each dataset; its words (title, class names, source, split) are in src/i18n/<language>/datasets.ts. */
export const DATASET_INFO: Record<DatasetId, { classes: number }> = {
  mnist: { classes: 10 },
  fashion: { classes: 10 },
  cifar10: { classes: 10 },
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
  const size = imageBytes(set);
  return {
    images: set.images.subarray(start * size, end * size),
    labels: set.labels.subarray(start, end),
    count: end - start,
    height: set.height,
    width: set.width,
    channels: set.channels,
  };
}

/** Holds out the last `held` images (VALIDATION_SIZE unless told) for validation; the rest train. */
export function splitTrainValidation(all: ImageSet, held = VALIDATION_SIZE): { train: ImageSet; validation: ImageSet } {
  if (all.count <= held) {
    throw new Error(`need more than ${held} training images to hold out a validation set, got ${all.count}`);
  }
  const cut = all.count - held;
  return { train: sliceImageSet(all, 0, cut), validation: sliceImageSet(all, cut, all.count) };
}

/**
 * Validation images held out of an imported CIFAR-format training file of `count` images: 5,000 of the published
 * 50,000 (10%, the usual practice), and 10% of a smaller archive in the same format (a class-sized sample).
 */
export const heldOutFor = (count: number): number => Math.min(VALIDATION_SIZE, Math.max(1, Math.round(count / 10)));

function imageSet(images: Uint8Array, labels: Uint8Array, names: { images: string; labels: string }): ImageSet {
  const parsed = parseImages(images, names.images);
  const parsedLabels = parseLabels(labels, names.labels);
  if (parsedLabels.length !== parsed.count) {
    throw new IdxError(names.labels, `has ${parsedLabels.length} labels but ${names.images} has ${parsed.count} images`);
  }
  const { count, height, width, channels } = parsed;
  return { images: parsed.data, labels: parsedLabels, count, height, width, channels };
}

/** Raw (already gunzipped) IDX bytes of the four files -> train/validation/test. */
export function assembleSplits(files: DatasetFiles<Uint8Array>, names: DatasetFiles<string>): DatasetSplits {
  const trainAll = imageSet(files.trainImages, files.trainLabels, { images: names.trainImages, labels: names.trainLabels });
  const test = imageSet(files.testImages, files.testLabels, { images: names.testImages, labels: names.testLabels });
  if (trainAll.height !== test.height || trainAll.width !== test.width || trainAll.channels !== test.channels) {
    const shape = (s: ImageSet) => `${s.height}x${s.width}${s.channels === 1 ? '' : `x${s.channels}`}`;
    throw new IdxError(names.testImages, `images are ${shape(test)} but ${names.trainImages} has ${shape(trainAll)}`);
  }
  return { ...splitTrainValidation(trainAll), test };
}
