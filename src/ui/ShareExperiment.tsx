import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSONS, type LessonId } from '../app/lessons';
import type { LessonProgress } from '../app/lesson-progress';
import { suggestedHidden, writeLink, type PageParams } from '../app/link';
import { LANGUAGE_NAMES, LANGUAGES, LOCALE_TAGS, type Language } from '../i18n/languages';
import { useLanguage } from '../i18n/setup';
import { SETTINGS, type TrainConfig } from '../settings';
import { useSettingWords } from './setting-words';
import './share.css';

type View = 'shown' | 'locked' | 'hidden';

interface Props {
  config: TrainConfig;
  /** Whose current lesson is offered first. */
  progress: LessonProgress;
  /** The view options the page was opened with, as the starting point of a new link. */
  params: PageParams;
}

/**
 * "Share this experiment": a teacher's link with the settings, a lesson, the language and view options (controls
 * hidden or locked, training started on open), shown as text with a copy button and as a QR code for a projector.
 */
export function ShareExperiment({ config, progress, params }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className="share-open" onClick={show} data-testid="share-open">
        {t('share.open')}
      </button>
      <dialog ref={dialog} className="share-dialog" onClose={() => setOpen(false)} aria-labelledby="share-title" data-testid="share-dialog">
        {open && <ShareForm config={config} progress={progress} params={params} onClose={() => dialog.current?.close()} />}
      </dialog>
    </>
  );
}

function ShareForm({ config, progress, params, onClose }: Props & { onClose: () => void }) {
  const { t } = useTranslation();
  const tt = t as unknown as (key: string) => string;
  const words = useSettingWords();
  const pageLanguage = useLanguage();
  const ids = useId();
  const [lesson, setLesson] = useState<LessonId | null>(() => progress.getSnapshot().current);
  // A lesson's link carries no settings unless asked: it opens with the lesson's own.
  const [withSettings, setWithSettings] = useState(false);
  const [lang, setLang] = useState<Language>(params.lang ?? pageLanguage);
  const [start, setStart] = useState(params.start);
  const [view, setView] = useState<Partial<Record<keyof TrainConfig, View>>>(() =>
    Object.fromEntries([...params.lock.map((k) => [k, 'locked']), ...params.hide.map((k) => [k, 'hidden'])]),
  );
  const keysIn = (v: View) => SETTINGS.map((s) => s.key).filter((k) => view[k] === v);
  const query = writeLink(lesson && !withSettings ? null : config, {
    lesson,
    lang,
    start,
    hide: keysIn('hidden'),
    lock: keysIn('locked'),
  });
  const link = `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;

  return (
    <form method="dialog" className="share-form" onSubmit={(e) => e.preventDefault()}>
      <div className="share-top">
        <h2 id="share-title">{t('share.title')}</h2>
        <button type="button" onClick={onClose} data-testid="share-close">
          {t('share.close')}
        </button>
      </div>
      <p className="note">{t('share.intro')}</p>
      <div className="share-body">
        <div className="share-code">
          <QrCode text={link} label={t('share.qr')} />
          <LinkText link={link} />
        </div>
        <div className="share-options">
          <label className="share-row">
            {t('share.lesson')}{' '}
            <select
              value={lesson ?? ''}
              onChange={(e) => setLesson(e.target.value === '' ? null : (e.target.value as LessonId))}
              data-testid="share-lesson"
            >
              <option value="">{t('share.noLesson')}</option>
              {LESSONS.map((l, i) => (
                <option key={l.id} value={l.id}>
                  {i + 1}. {tt(`lessons.items.${l.id}.title`)}
                </option>
              ))}
            </select>
          </label>
          {lesson && (
            <label className="share-row">
              <input
                type="checkbox"
                checked={withSettings}
                onChange={(e) => setWithSettings(e.target.checked)}
                data-testid="share-settings"
              />{' '}
              {t('share.withSettings')}
            </label>
          )}
          <label className="share-row">
            {t('share.language')}{' '}
            <select value={lang} onChange={(e) => setLang(e.target.value as Language)} data-testid="share-language">
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={LOCALE_TAGS[l]}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="share-row">
            <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} data-testid="share-start" />{' '}
            {t('share.start')}
          </label>
          <fieldset className="share-controls">
            <legend>{t('share.controls')}</legend>
            <p className="note">{t('share.controlsNote')}</p>
            <div className="share-buttons">
              {lesson && (
                <button
                  type="button"
                  onClick={() => setView(Object.fromEntries(suggestedHidden(lesson).map((k) => [k, 'hidden'])))}
                  data-testid="share-suggest"
                >
                  {t('share.suggest')}
                </button>
              )}
              <button type="button" onClick={() => setView({})}>
                {t('share.showAll')}
              </button>
            </div>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('share.setting')}</th>
                  {VIEWS.map((v) => (
                    <th key={v} scope="col">
                      {t(`share.${v}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {SETTINGS.map((s) => (
                  <tr key={s.key} data-testid={`share-view-${s.url}`}>
                    <th scope="row">{words.label(s.key)}</th>
                    {VIEWS.map((v) => (
                      <td key={v}>
                        <input
                          type="radio"
                          name={`${ids}-${s.key}`}
                          aria-label={`${words.label(s.key)}: ${t(`share.${v}`)}`}
                          checked={(view[s.key] ?? 'shown') === v}
                          onChange={() => setView((old) => ({ ...old, [s.key]: v }))}
                          value={v}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
        </div>
      </div>
    </form>
  );
}

const VIEWS: View[] = ['shown', 'locked', 'hidden'];

function LinkText({ link }: { link: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure page, a refused permission): the link is selected for the user to copy.
      input.current?.select();
      setCopied('failed');
    }
  };
  return (
    <div className="share-link">
      <label htmlFor="share-link-text">{t('share.link')}</label>
      {/* A link is no language's words (zxx): screen readers spell it rather than read it as English or Chinese. */}
      <textarea
        id="share-link-text"
        ref={input}
        readOnly
        value={link}
        rows={3}
        lang="zxx"
        data-testid="share-link"
        onFocus={(e) => e.target.select()}
      />
      <div className="share-buttons">
        <button type="button" className="primary" onClick={() => void copy()} data-testid="share-copy">
          {t('share.copy')}
        </button>
        <span role="status" data-testid="share-copied">
          {copied === 'yes' ? t('share.copied') : copied === 'failed' ? t('share.copyFailed') : ''}
        </span>
      </div>
    </div>
  );
}

/** The link as a QR code: an SVG drawn by `qrcode`, loaded when first needed; sharp at any size on a projector. */
function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      .then((QR) => QR.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } }))
      .then((s) => live && setSvg({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(s)}` }));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <figure className="share-qr">
      {svg ? (
        <img src={svg.url} alt={label} data-testid="share-qr" data-text={svg.text} />
      ) : (
        <div className="share-qr-placeholder" aria-hidden />
      )}
    </figure>
  );
}
