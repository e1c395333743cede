import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importedClassNames } from '../app/datasets';
import type { LibraryState } from '../app/dataset-library';
import { formatBytes, formatCount, formatList } from '../app/format';
import { isUserDatasetId } from '../data/dataset';
import type { Message } from '../i18n/message';
import { useLanguage, useSay } from '../i18n/setup';
import { DATASETS, type Dataset } from '../settings';
import type { UserDatasetInfo } from '../worker/protocol';
import { useSettingWords } from './setting-words';
import './data.css';

const shapeText = (d: Pick<UserDatasetInfo, 'height' | 'width' | 'channels'>) => `${d.height}×${d.width}×${d.channels}`;
/** All of an imported dataset's images: training, validation and test. */
export const imagesOf = (d: UserDatasetInfo) => d.counts.train + d.counts.validation + d.counts.test;

/**
 * The Dataset setting's select: the built-in datasets (CIFAR-10 marked where this server lacks it) and the user's,
 * each with its size. A dataset in the link that this browser does not have is shown as such, not dropped.
 */
export function DatasetSelect({
  id,
  describedBy,
  value,
  library,
  onChange,
}: {
  id: string;
  describedBy: string;
  value: Dataset;
  library: Pick<LibraryState, 'builtin' | 'user'>;
  onChange: (value: Dataset) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useSettingWords();
  const known = (DATASETS as readonly string[]).includes(value) || library.user.some((d) => d.id === value);
  return (
    <select
      id={id}
      value={value}
      aria-describedby={describedBy}
      data-testid="dataset-select"
      onChange={(e) => onChange(e.target.value as Dataset)}
    >
      <optgroup label={t('library.builtin')}>
        {DATASETS.map((d) => {
          const name = words.option('dataset', d);
          const missing = library.builtin?.find((b) => b.id === d)?.available === false;
          return (
            <option key={d} value={d}>
              {missing ? t('library.notOnServer', { name }) : name}
            </option>
          );
        })}
      </optgroup>
      {(library.user.length > 0 || !known) && (
        <optgroup label={t('library.yours')}>
          {library.user.map((d) => (
            <option key={d.id} value={d.id}>
              {t('library.option', {
                name: d.name,
                images: formatCount(imagesOf(d), language),
                classes: formatCount(d.classNames.length, language),
                shape: shapeText(d),
                bytes: formatBytes(d.bytes),
              })}
            </option>
          ))}
          {!known && isUserDatasetId(value) && (
            <option value={value}>
              {library.builtin === null ? t('library.listing', { id: value }) : t('library.missing', { id: value })}
            </option>
          )}
        </optgroup>
      )}
    </select>
  );
}

/** What an imported dataset is (its source, splits, shape, classes, bytes), and removing it (asked first). */
export function DatasetDetails({
  info,
  disabled,
  onRemove,
}: {
  info: UserDatasetInfo;
  disabled: boolean;
  /** Resolves with why it could not be removed (shown here), or null. */
  onRemove: (info: UserDatasetInfo) => Promise<Message | null>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const say = useSay();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const n = (x: number) => formatCount(x, language);
  const names = importedClassNames(info.classNames, language);
  const shown = names.length > 12 ? [...names.slice(0, 12), '…'] : names;
  const remove = async () => {
    setBusy(true);
    const why = await onRemove(info);
    setBusy(false);
    setAsking(false);
    setProblem(why ? say(why) : null);
  };
  return (
    <div className="dataset-details" data-testid="dataset-details">
      <p>
        {t('library.details', {
          kind: t(`library.kind.${info.kind}`),
          name: info.name,
          train: n(info.counts.train),
          validation: n(info.counts.validation),
          test: n(info.counts.test),
          shape: shapeText(info),
          classes: n(info.classNames.length),
          bytes: formatBytes(info.bytes),
        })}{' '}
        {t('library.classes', { names: formatList(shown, language) })}
      </p>
      {asking ? (
        <div className="dataset-confirm" role="alertdialog" aria-label={t('library.remove')} data-testid="dataset-confirm">
          <p>{t('library.confirm', { name: info.name })}</p>
          <button type="button" className="danger" onClick={() => void remove()} disabled={busy} data-testid="dataset-remove-confirm">
            {t('library.confirmRemove')}
          </button>{' '}
          <button type="button" onClick={() => setAsking(false)} disabled={busy}>
            {t('library.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="link" onClick={() => setAsking(true)} disabled={disabled} data-testid="dataset-remove">
          {t('library.remove')}
        </button>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
