/**
 * A dataset's words in the page's language (src/i18n/<language>/datasets.ts), with the counts and seed filled in
 * from the data facts (src/data/dataset.ts). Pure; unit-tested in both languages.
 */
import {
  DATASET_INFO,
  FASHION_SPLIT_SEED,
  TEST_FILE_SIZE,
  TRAIN_FILE_SIZE,
  VALIDATION_SIZE,
  CIFAR_TEST_SIZE,
  CIFAR_TRAIN_SIZE,
  CIFAR10_CLASSES,
  type DatasetId,
} from '../data/dataset';
import type { Language } from '../i18n/languages';
import { msg, type MessageKey } from '../i18n/message';
import { textIn } from '../i18n/text';
import { formatCount } from './format';

/** Class names by label: "T-shirt/top", "Trouser", ... / "T恤/上衣", "裤子", ... */
export function classNames(dataset: DatasetId, language: Language): string[] {
  // Keys built from the dataset id and a label: the locale test checks every dataset has them.
  return Array.from({ length: DATASET_INFO[dataset].classes }, (_, c) =>
    textIn(language, msg(`datasets.${dataset}.classes.${c}` as MessageKey)),
  );
}

/** How the dataset is split into training, validation and test images, and where the split comes from. */
export function splitNote(dataset: DatasetId, language: Language): string {
  const n = (x: number) => formatCount(x, language);
  const [file, test] = dataset === 'cifar10' ? [CIFAR_TRAIN_SIZE, CIFAR_TEST_SIZE] : [TRAIN_FILE_SIZE, TEST_FILE_SIZE];
  return textIn(
    language,
    msg(`datasets.${dataset}.splitNote`, {
      file: n(file),
      train: n(file - VALIDATION_SIZE),
      validation: n(VALIDATION_SIZE),
      test: n(test),
      total: n(file + test),
      seed: FASHION_SPLIT_SEED,
    }),
  );
}

/**
 * An imported dataset's class names as the page shows them: an archive of CIFAR-10 with its published names gets
 * the page's words for them (as the built-in CIFAR-10 does); any other set's names are its own (its folders').
 */
export function importedClassNames(names: readonly string[], language: Language): string[] {
  const isCifar = names.length === CIFAR10_CLASSES.length && names.every((n, i) => n === CIFAR10_CLASSES[i]);
  return isCifar ? classNames('cifar10', language) : [...names];
}
