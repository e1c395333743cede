/**
 * An image folder as a dataset: one sub-folder per class, as Keras's image_dataset_from_directory and PyTorch's
 * ImageFolder read it (class names sorted, images in a class's sub-folders belong to it). The pure parts: paths
 * into classes, the limits (checked before anything is decoded), the seeded split, and the import itself with
 * the decoder passed in (the Worker's decodes with createImageBitmap on an OffscreenCanvas; tests pass a fake).
 */
import { msg, type Message } from '../i18n/message';
import { deriveSeed, shuffledIndices } from '../train/random';
import type { DatasetSplits, ImageSet } from './dataset';
import { dataError } from './errors';

/** What createImageBitmap decodes in every current browser. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp'];
/** Refused before decoding: decoding that many takes minutes, and the split is meant for classroom-sized sets. */
export const MAX_FOLDER_IMAGES = 50_000;
/** Labels are bytes. */
export const MAX_CLASSES = 256;
/** The sizes the networks take: 32 (CIFAR-sized), 64, 227 (AlexNet's input). */
export const FOLDER_IMAGE_SIZES = [32, 64, 227] as const;
/** Decoded pixels kept in memory and in IndexedDB: 1 GiB (7,000 images at 227, 87,000 at 64). */
export const MAX_PIXEL_BYTES = 2 ** 30;
/** The split's seed when the page names none. */
export const FOLDER_SPLIT_SEED = 2012;
/** Shares of each class held out for validation and for test; a class of 3 or more images gives at least one to each. */
export const HOLD_OUT = { validation: 0.1, test: 0.1 };

export interface Skipped {
  /** The file's path as given. */
  name: string;
  reason: Message;
}

export interface FolderPlan {
  /** The picked folder's name (the common first segment of the paths), if there is one. */
  root: string | null;
  classNames: string[];
  /** Per class, the indices (into the paths given) of its images, sorted by path. */
  classFiles: number[][];
  /** Files that are not images, or not in a class folder: listed, not fatal. */
  skipped: Skipped[];
}

const IGNORED = /^(\..*|__MACOSX|Thumbs\.db|desktop\.ini)$/i;

const isImage = (name: string) => IMAGE_EXTENSIONS.includes(name.slice(name.lastIndexOf('.') + 1).toLowerCase());

/** Code-point order, as Python's sorted() (what Keras and PyTorch use), the same in every browser. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts files into classes by their relative paths ('/'- or '\'-separated, as webkitRelativePath or a dropped
 * folder gives them) and applies the limits. Throws a DataError for what makes a dataset impossible: no images,
 * images with no class folder, a class folder without images, a single class, too many images or classes, or
 * more pixels than fit.
 */
export function planImageFolder(paths: readonly string[], size: number): FolderPlan {
  if (!(FOLDER_IMAGE_SIZES as readonly number[]).includes(size)) {
    throw dataError('data.folder.badSize', { size, sizes: FOLDER_IMAGE_SIZES.join(', ') });
  }
  const skipped: Skipped[] = [];
  let entries = paths
    .map((path, index) => ({
      path,
      index,
      parts: path
        .replace(/\\/g, '/')
        .split('/')
        .filter((p) => p !== '' && p !== '.'),
    }))
    .filter((e) => e.parts.length > 0 && !e.parts.some((p) => IGNORED.test(p)));

  // The picked or dropped folder itself, then any wrapper folders holding nothing but one folder.
  let root: string | null = null;
  const shareFirst = () => entries.length > 0 && entries.every((e) => e.parts.length >= 2 && e.parts[0] === entries[0].parts[0]);
  if (shareFirst()) {
    root = entries[0].parts[0];
    entries = entries.map((e) => ({ ...e, parts: e.parts.slice(1) }));
    while (shareFirst() && entries.every((e) => e.parts.length >= 3)) entries = entries.map((e) => ({ ...e, parts: e.parts.slice(1) }));
  }

  const topLevel = entries.filter((e) => e.parts.length === 1);
  const inFolders = entries.filter((e) => e.parts.length >= 2);
  const topImages = topLevel.filter((e) => isImage(e.parts[0]));
  if (inFolders.length === 0) {
    if (topImages.length > 0) throw dataError('data.folder.noClasses', { example: topImages[0].path, count: topImages.length });
    throw dataError('data.folder.noImages', { extensions: IMAGE_EXTENSIONS.join(', ') });
  }
  for (const e of topLevel) skipped.push({ name: e.path, reason: msg('data.skip.topLevel') });

  const classes = new Map<string, typeof entries>();
  for (const e of inFolders) {
    if (!isImage(e.parts[e.parts.length - 1])) {
      skipped.push({ name: e.path, reason: msg('data.skip.notImage') });
      if (!classes.has(e.parts[0])) classes.set(e.parts[0], []);
      continue;
    }
    const list = classes.get(e.parts[0]) ?? [];
    list.push(e);
    classes.set(e.parts[0], list);
  }
  const classNames = [...classes.keys()].sort(byCodePoint);
  const empty = classNames.find((c) => classes.get(c)!.length === 0);
  if (empty !== undefined) throw dataError('data.folder.emptyClass', { name: empty, extensions: IMAGE_EXTENSIONS.join(', ') });
  if (classNames.length === 1) throw dataError('data.folder.oneClass', { name: classNames[0] });
  if (classNames.length > MAX_CLASSES) throw dataError('data.folder.tooManyClasses', { count: classNames.length, max: MAX_CLASSES });
  const images = inFolders.length - skipped.filter((s) => s.reason.key === 'data.skip.notImage').length;
  if (images > MAX_FOLDER_IMAGES) throw dataError('data.folder.tooMany', { count: images, max: MAX_FOLDER_IMAGES });
  const bytes = images * size * size * 3;
  if (bytes > MAX_PIXEL_BYTES) {
    const mb = (n: number) => Math.ceil(n / 2 ** 20);
    throw dataError('data.folder.tooBig', { count: images, size, mb: mb(bytes), maxMb: mb(MAX_PIXEL_BYTES) });
  }
  const classFiles = classNames.map((c) =>
    classes
      .get(c)!
      .sort((a, b) => byCodePoint(a.path, b.path))
      .map((e) => e.index),
  );
  return { root, classNames, classFiles, skipped };
}

export interface FolderSplit {
  /** Per split, [file index, label] pairs in a seeded shuffled order (classes interleaved). */
  train: [number, number][];
  validation: [number, number][];
  test: [number, number][];
}

/** How many of a class's n images go to validation and to test: 10% each, at least one each from 3 images on. */
export function holdOut(n: number): { validation: number; test: number } {
  if (n < 3) return { validation: 0, test: 0 };
  return { validation: Math.max(1, Math.round(n * HOLD_OUT.validation)), test: Math.max(1, Math.round(n * HOLD_OUT.test)) };
}

/** Splits each class with its own seeded shuffle (so adding a class leaves the others' splits as they were). */
export function splitFolder(classFiles: readonly (readonly number[])[], seed: number): FolderSplit {
  const out: FolderSplit = { train: [], validation: [], test: [] };
  classFiles.forEach((files, label) => {
    const order = shuffledIndices(files.length, deriveSeed(seed, 1, label));
    const { validation, test } = holdOut(files.length);
    order.forEach((o, i) => {
      const split = i < validation ? out.validation : i < validation + test ? out.test : out.train;
      split.push([files[o], label]);
    });
  });
  for (const [i, name] of (['train', 'validation', 'test'] as const).entries()) {
    const list = out[name];
    const order = shuffledIndices(list.length, deriveSeed(seed, 2, i));
    out[name] = Array.from(order, (o) => list[o]);
  }
  return out;
}

/** Decodes one image file into size x size RGB bytes (HWC), centre-cropped to a square; rejects if it cannot. */
export type DecodeImage = (file: Blob, size: number) => Promise<Uint8Array>;

export interface FolderFile {
  file: Blob;
  /** The path relative to the picked or dropped folder, including its name: `flowers/daisy/1.jpg`. */
  path: string;
}

export interface FolderProgress {
  images: number;
  imagesTotal: number;
}

export interface ImportedFolder {
  data: DatasetSplits & { classNames: string[] };
  /** The picked folder's name, for the dataset list. */
  name: string | null;
  skipped: Skipped[];
}

/** Decodes at most this many images at once: createImageBitmap decodes off the thread, a few in flight keep it busy. */
const IN_FLIGHT = 4;

/**
 * Plans, splits and decodes a folder. Files that do not decode are listed in `skipped` and left out; the
 * import fails only if a class is left without images or nothing is left to validate or test on.
 */
export async function importImageFolder(
  files: readonly FolderFile[],
  options: { size: number; seed: number },
  decode: DecodeImage,
  onProgress?: (p: FolderProgress) => void,
): Promise<ImportedFolder> {
  const { size, seed } = options;
  const plan = planImageFolder(
    files.map((f) => f.path),
    size,
  );
  const split = splitFolder(plan.classFiles, seed);
  const imageSize = size * size * 3;
  const skipped = [...plan.skipped];
  const progress = { images: 0, imagesTotal: split.train.length + split.validation.length + split.test.length };

  const decodeSplit = async (list: [number, number][]): Promise<ImageSet> => {
    const images = new Uint8Array(list.length * imageSize);
    const labels = new Uint8Array(list.length);
    const ok = new Uint8Array(list.length);
    let next = 0;
    const worker = async () => {
      while (next < list.length) {
        const i = next++;
        const [index, label] = list[i];
        try {
          const rgb = await decode(files[index].file, size);
          if (rgb.length !== imageSize) throw new Error(`decoded to ${rgb.length} bytes, expected ${imageSize}`);
          images.set(rgb, i * imageSize);
          labels[i] = label;
          ok[i] = 1;
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          skipped.push({ name: files[index].path, reason: msg('data.skip.unreadable', { detail }) });
        }
        progress.images++;
        onProgress?.({ ...progress });
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    // Close the gaps the unreadable files left.
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      if (!ok[i]) continue;
      if (kept !== i) {
        images.copyWithin(kept * imageSize, i * imageSize, (i + 1) * imageSize);
        labels[kept] = labels[i];
      }
      kept++;
    }
    return {
      images: images.subarray(0, kept * imageSize),
      labels: labels.subarray(0, kept),
      count: kept,
      height: size,
      width: size,
      channels: 3,
    };
  };

  const train = await decodeSplit(split.train);
  const validation = await decodeSplit(split.validation);
  const test = await decodeSplit(split.test);
  const perClass = new Array<number>(plan.classNames.length).fill(0);
  for (const set of [train, validation, test]) for (const l of set.labels) perClass[l]++;
  const lost = perClass.findIndex((n) => n === 0);
  if (lost >= 0) throw dataError('data.folder.classUnreadable', { name: plan.classNames[lost] });
  if (train.count === 0 || validation.count === 0 || test.count === 0) throw dataError('data.folder.tooFew');
  return { data: { train, validation, test, classNames: plan.classNames }, name: plan.root, skipped };
}
