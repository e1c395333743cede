import { describe, expect, it } from 'vitest';
import { englishText } from '../i18n/message';
import { DataError } from './errors';
import { holdOut, importImageFolder, MAX_FOLDER_IMAGES, planImageFolder, splitFolder, type DecodeImage, type FolderFile } from './folder';

/** The English text of the DataError `f` throws. */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }
  throw new Error('did not throw');
}

const files = (spec: Record<string, number>, root = 'pets') =>
  Object.entries(spec).flatMap(([cls, n]) => Array.from({ length: n }, (_, i) => `${root}/${cls}/img${String(i).padStart(3, '0')}.png`));

describe('an image folder as classes', () => {
  it('takes one class per sub-folder of the picked folder, sorted by name as Keras and PyTorch do', () => {
    const plan = planImageFolder(['pets/dogs/a.jpg', 'pets/cats/b.PNG', 'pets/Zebras/c.webp', 'pets/cats/d.jpeg'], 32);
    expect(plan.root).toBe('pets');
    expect(plan.classNames).toEqual(['Zebras', 'cats', 'dogs']);
    expect(plan.classFiles).toEqual([[2], [1, 3], [0]]);
    expect(plan.skipped).toEqual([]);
  });

  it('counts images in a class folder’s own sub-folders as that class, and reads Windows separators', () => {
    const plan = planImageFolder(['pets\\cats\\indoor\\1.jpg', 'pets\\cats\\2.jpg', 'pets\\dogs\\3.jpg'], 32);
    expect(plan.classNames).toEqual(['cats', 'dogs']);
    expect(plan.classFiles).toEqual([[1, 0], [2]]); // by path: 'cats/2.jpg' before 'cats/indoor/1.jpg'
  });

  it('takes dropped class folders without a common parent, and looks through wrapper folders', () => {
    expect(planImageFolder(['cats/1.jpg', 'dogs/2.jpg'], 32)).toMatchObject({ root: null, classNames: ['cats', 'dogs'] });
    expect(planImageFolder(['data/train/cats/1.jpg', 'data/train/dogs/2.jpg'], 32)).toMatchObject({
      root: 'data',
      classNames: ['cats', 'dogs'],
    });
  });

  it('lists files that are not images or not in a class folder, and ignores hidden and system files', () => {
    const plan = planImageFolder(
      [
        'pets/readme.txt',
        'pets/cover.jpg',
        'pets/cats/1.jpg',
        'pets/cats/notes.md',
        'pets/dogs/2.jpg',
        'pets/.DS_Store',
        'pets/dogs/.hidden.jpg',
        '__MACOSX/pets/cats/._1.jpg',
      ],
      32,
    );
    expect(plan.classNames).toEqual(['cats', 'dogs']);
    expect(plan.skipped.map((s) => `${s.name}: ${englishText(s.reason)}`).sort()).toEqual([
      'pets/cats/notes.md: not an image file (by its name)',
      'pets/cover.jpg: not in a class folder',
      'pets/readme.txt: not in a class folder',
    ]);
  });

  it('refuses images at the top level with no class folder', () => {
    expect(refusal(() => planImageFolder(['pets/1.jpg', 'pets/2.jpg'], 32))).toBe(
      'The 2 images (e.g. pets/1.jpg) are not in class folders. Put each class in a sub-folder named after it (cats/1.jpg, dogs/2.jpg) and choose the folder above them.',
    );
  });

  it('refuses a folder without images, a class folder without images, and a single class', () => {
    expect(refusal(() => planImageFolder(['pets/cats/a.txt', 'pets/dogs/b.txt'], 32))).toMatch(/^The class folder "cats" has no images/);
    expect(refusal(() => planImageFolder(['pets/cats/1.jpg', 'pets/dogs/notes.txt'], 32))).toBe(
      'The class folder "dogs" has no images (png, jpg, jpeg, gif, bmp, webp). Add some, or remove the folder.',
    );
    expect(refusal(() => planImageFolder([], 32))).toMatch(/^No images found/);
    expect(refusal(() => planImageFolder(['pets/cats/1.jpg', 'pets/cats/2.jpg'], 32))).toBe(
      'There is only one class folder, "cats": a classifier needs at least two classes, one sub-folder each.',
    );
  });

  it(`refuses more than ${MAX_FOLDER_IMAGES.toLocaleString('en')} images, and more pixels than fit, before decoding anything`, () => {
    expect(refusal(() => planImageFolder(files({ a: 25_000, b: 25_001 }), 32))).toBe(
      'The folder has 50001 images; at most 50000 can be imported. Choose a smaller folder.',
    );
    expect(planImageFolder(files({ a: 25_000, b: 25_000 }), 32).classFiles[1]).toHaveLength(25_000);
    // 8,000 images at AlexNet's 227x227 are 1,180 MB of pixels.
    expect(refusal(() => planImageFolder(files({ a: 4000, b: 4000 }), 227))).toBe(
      '8000 images of 227×227 pixels take 1180 MB, more than the 1024 MB that fit. Choose a smaller size or fewer images.',
    );
    expect(refusal(() => planImageFolder(files({ a: 1, b: 1 }), 100))).toBe('Images can be resized to 32, 64, 227 pixels, not 100.');
  });
});

describe('the seeded split', () => {
  it('holds out 10% of each class for validation and 10% for test, at least one each from 3 images on', () => {
    expect([1, 2, 3, 9, 10, 25, 100].map((n) => holdOut(n))).toEqual([
      { validation: 0, test: 0 },
      { validation: 0, test: 0 },
      { validation: 1, test: 1 },
      { validation: 1, test: 1 },
      { validation: 1, test: 1 },
      { validation: 3, test: 3 },
      { validation: 10, test: 10 },
    ]);
  });

  it('puts every file in exactly one split with its class label, the same way for the same seed', () => {
    const classFiles = [Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 5 }, (_, i) => 30 + i)];
    const split = splitFolder(classFiles, 7);
    const all = [...split.train, ...split.validation, ...split.test];
    expect(all.map(([f]) => f).sort((a, b) => a - b)).toEqual(Array.from({ length: 35 }, (_, i) => i));
    for (const [f, label] of all) expect(label).toBe(f < 30 ? 0 : 1);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([27, 4, 4]);
    expect(splitFolder(classFiles, 7)).toEqual(split);
    expect(splitFolder(classFiles, 8).test).not.toEqual(split.test);
  });
});

describe('importing a folder (with a fake decoder)', () => {
  /** A fake decoder: every pixel of an image is its file's number; files named bad* do not decode. */
  const decode: DecodeImage = async (file, size) => {
    const name = (file as File).name;
    if (name.startsWith('bad')) throw new Error('not a PNG');
    return new Uint8Array(size * size * 3).fill(Number(/\d+/.exec(name)![0]));
  };
  const folder = (paths: string[]): FolderFile[] => paths.map((path) => ({ path, file: new File([], path.split('/').at(-1)!) }));

  it('decodes each split to RGB images of the chosen size, with labels, class names and the folder’s name', async () => {
    const progress: number[] = [];
    const result = await importImageFolder(folder(files({ cats: 10, dogs: 5 })), { size: 32, seed: 1 }, decode, (p) =>
      progress.push(p.images),
    );
    const { train, validation, test, classNames } = result.data;
    expect(classNames).toEqual(['cats', 'dogs']);
    expect(result.name).toBe('pets');
    expect([train.count, validation.count, test.count]).toEqual([11, 2, 2]);
    for (const set of [train, validation, test]) {
      expect([set.height, set.width, set.channels]).toEqual([32, 32, 3]);
      expect(set.images.length).toBe(set.count * 32 * 32 * 3);
    }
    expect([...validation.labels].sort()).toEqual([0, 1]);
    expect(progress.at(-1)).toBe(15);
  });

  it('lists images that cannot be decoded and goes on without them', async () => {
    const paths = [...files({ cats: 4, dogs: 4 }), 'pets/cats/bad1.png', 'pets/dogs/bad2.png'];
    const result = await importImageFolder(folder(paths), { size: 64, seed: 3 }, decode);
    const { train, validation, test } = result.data;
    expect(train.count + validation.count + test.count).toBe(8);
    expect(result.skipped.map((s) => `${s.name}: ${englishText(s.reason)}`).sort()).toEqual([
      'pets/cats/bad1.png: cannot be read as an image (not a PNG)',
      'pets/dogs/bad2.png: cannot be read as an image (not a PNG)',
    ]);
    // The images kept are whole: each is filled with its own file's number, and labels follow their pixels.
    for (const set of [train, validation, test]) {
      for (let i = 0; i < set.count; i++) {
        const image = set.images.subarray(i * 64 * 64 * 3, (i + 1) * 64 * 64 * 3);
        expect(image.every((v) => v === image[0])).toBe(true);
      }
    }
  });

  it('fails when no image of a class can be read, or too few images are left to validate and test on', async () => {
    const unreadable = folder(['pets/cats/1.png', 'pets/cats/2.png', 'pets/cats/3.png', 'pets/dogs/bad1.png']);
    await expect(importImageFolder(unreadable, { size: 32, seed: 1 }, decode)).rejects.toThrow(
      'None of the images in the class folder "dogs" could be read.',
    );
    await expect(importImageFolder(folder(files({ cats: 2, dogs: 2 })), { size: 32, seed: 1 }, decode)).rejects.toThrow(/^Too few images/);
  });
});
