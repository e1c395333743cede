import { useEffect, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatCount, formatDate, formatDecimal, formatDuration, formatList, formatPercent, formatSetting } from '../app/format';
import { MEASUREMENTS } from '../app/lesson-measurements';
import type { LessonProgress } from '../app/lesson-progress';
import { commonValues, LESSONS, lessonConfig, MEASURED_BACKEND, type Fact, type Lesson, type LessonMeasurement } from '../app/lessons';
import { writeLink } from '../app/link';
import type { RunRecord } from '../app/run-store';
import type { Language } from '../i18n/languages';
import { useLanguage } from '../i18n/setup';
import { lessonRuns } from './lesson-runs';
import { useStore } from './use-store';
import './lessons.css';

type Tt = (key: string, values?: Record<string, unknown>) => string;

/** A lesson's figure in the page's language; a verdict is a sentence with figures of its own. */
function formatFact(f: Fact, language: Language, tt: Tt): string {
  switch (f.kind) {
    case 'percent':
      return formatPercent(f.value, language, 1);
    case 'count':
      return f.value === null ? '–' : formatCount(f.value, language);
    case 'decimal':
      return formatDecimal(f.value, language, f.digits);
    case 'setting':
      return formatSetting(f.value);
    case 'word':
      return tt(f.key, formatFacts(f.values ?? {}, language, tt));
  }
}

function formatFacts(facts: Record<string, Fact>, language: Language, tt: Tt): Record<string, string> {
  return Object.fromEntries(Object.entries(facts).map(([k, f]) => [k, formatFact(f, language, tt)]));
}

interface Props {
  progress: LessonProgress;
  runs: readonly RunRecord[];
  /** Training is going on: a lesson cannot start now. */
  live: boolean;
  /** Loads the lesson's settings and starts its runs; the ids of the runs started. */
  onStart: (lesson: Lesson) => string[];
}

/**
 * The lessons: a list with each one's progress, and the chosen lesson's text, prediction, one button that loads its
 * settings and trains, what to watch, and (once its runs have finished) the answer and what this network measured.
 */
export function LessonsPanel({ progress, runs, live, onStart }: Props) {
  const { t } = useTranslation();
  const state = useStore(progress.subscribe, progress.getSnapshot);
  useEffect(() => progress.runsChanged(runs), [progress, runs]);
  const lesson = LESSONS.find((l) => l.id === state.current)!;
  const index = LESSONS.indexOf(lesson);

  return (
    <section className="lessons" aria-label={t('lessons.title')} data-testid="lessons">
      <div className="lessons-head">
        <h2>{t('lessons.title')}</h2>
        <span className="lessons-progress" data-testid="lessons-progress">
          {t('lessons.progress', { done: state.done.size, total: LESSONS.length })}
        </span>
      </div>
      <p className="note">{t('lessons.intro')}</p>
      <LessonList current={lesson} done={state.done} onSelect={(l) => progress.select(l.id)} />
      <LessonCard
        key={lesson.id}
        lesson={lesson}
        n={index + 1}
        done={state.done.has(lesson.id)}
        revealed={state.revealed.has(lesson.id)}
        prediction={state.predictions[lesson.id]}
        pending={state.pending?.lesson === lesson.id}
        live={live}
        onPredict={(choice) => progress.predict(lesson.id, choice)}
        onDone={(done) => progress.setDone(lesson.id, done)}
        onStart={() => progress.started(lesson.id, onStart(lesson))}
      />
    </section>
  );
}

function LessonList({ current, done, onSelect }: { current: Lesson; done: ReadonlySet<string>; onSelect: (l: Lesson) => void }) {
  const { t } = useTranslation();
  const tt = t as unknown as Tt;
  return (
    <ol className="lesson-list" aria-label={t('lessons.list')}>
      {LESSONS.map((l, i) => (
        <li key={l.id}>
          <button
            type="button"
            aria-current={l === current ? 'true' : undefined}
            onClick={() => onSelect(l)}
            data-testid={`lesson-tab-${l.id}`}
            data-done={done.has(l.id) ? 'true' : 'false'}
            // A numbered chip: the chosen lesson's title is on its card, every title in the chip's name and tooltip.
            aria-label={`${i + 1}. ${tt(`lessons.items.${l.id}.title`)}${done.has(l.id) ? ` (${t('lessons.done')})` : ''}`}
            title={tt(`lessons.items.${l.id}.title`)}
          >
            <span className="lesson-number">{i + 1}</span>
            {done.has(l.id) && <span className="lesson-tick"> ✓</span>}
          </button>
        </li>
      ))}
    </ol>
  );
}

interface CardProps {
  lesson: Lesson;
  n: number;
  done: boolean;
  revealed: boolean;
  prediction: string | undefined;
  pending: boolean;
  live: boolean;
  onPredict: (choice: string) => void;
  onDone: (done: boolean) => void;
  onStart: () => void;
}

function LessonCard({ lesson, n, done, revealed, prediction, pending, live, onPredict, onDone, onStart }: CardProps) {
  const { t } = useTranslation();
  const tt = t as unknown as Tt;
  const language = useLanguage();
  const measured = MEASUREMENTS.lessons[lesson.id];
  const base = `lessons.items.${lesson.id}`;
  // Slots from the lesson's settings (known before anything trains), then the measured figures.
  const values = useMemo(() => {
    const runs = lessonRuns(lesson);
    return formatFacts({ ...commonValues(runs), ...lesson.values?.(runs, lessonConfig(lesson)) }, language, tt);
  }, [lesson, language, tt]);
  const facts = useMemo(() => (measured ? formatFacts(lesson.facts(measured), language, tt) : {}), [lesson, measured, language, tt]);
  const option = (choice: string) => tt(`${base}.predict.options.${choice}`, values);
  const answer = measured ? lesson.predict.answer(measured) : null;
  const time = measured ? formatDuration(measured.wallSeconds * 1000, language) : null;
  const fullLink = lesson.full ? `?${writeLink(lessonConfig(lesson, lesson.full), { lesson: lesson.id, lang: language })}` : null;

  return (
    <article className="lesson" aria-labelledby={`lesson-${lesson.id}`} data-testid="lesson" data-lesson={lesson.id}>
      <header className="lesson-title">
        <h3 id={`lesson-${lesson.id}`}>
          <span className="lesson-kicker">{t('lessons.number', { n })}</span> {tt(`${base}.title`)}
        </h3>
        <label className="lesson-done">
          <input type="checkbox" checked={done} onChange={(e) => onDone(e.target.checked)} data-testid="lesson-done" /> {t('lessons.done')}
        </label>
      </header>
      {time && (
        <p className="lesson-time" data-testid="lesson-time">
          {t('lessons.time', { time })}
        </p>
      )}
      <p className="lesson-text">{tt(`${base}.text`, values)}</p>

      <fieldset className="lesson-predict" disabled={revealed}>
        <legend>{t('lessons.predictTitle')}</legend>
        <p>{tt(`${base}.predict.question`, values)}</p>
        <div className="lesson-options">
          {lesson.predict.options.map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name={`predict-${lesson.id}`}
                value={choice}
                checked={prediction === choice}
                onChange={() => onPredict(choice)}
                data-testid={`predict-${choice}`}
              />{' '}
              {option(choice)}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="lesson-actions">
        <button type="button" className="primary" onClick={onStart} disabled={live} data-testid="lesson-start">
          {lesson.preset ? t('lessons.trainCompare') : t('lessons.train')}
        </button>
        {live && !pending && <span className="note">{t('lessons.trainBlocked')}</span>}
        {fullLink && (
          <a href={fullLink} data-testid="lesson-full">
            {t('lessons.full')}
          </a>
        )}
      </div>

      <h4>{t('lessons.watchTitle')}</h4>
      <p>{tt(`${base}.watch`, values)}</p>

      <h4>{t('lessons.measuredTitle')}</h4>
      {revealed && measured && answer ? (
        <div className="lesson-measured" data-testid="lesson-measured">
          <p data-testid="lesson-answer">
            <Trans i18nKey="lessons.answer" values={{ answer: option(answer) }} components={{ b: <strong /> }} />{' '}
            {prediction
              ? `${t('lessons.yourPrediction', { choice: option(prediction) })} ${prediction === answer ? t('lessons.right') : t('lessons.wrong')}`
              : t('lessons.noPrediction')}
          </p>
          <p>{tt(`${base}.measured`, { ...values, ...facts })}</p>
          <MeasuredOn measured={measured} language={language} />
        </div>
      ) : (
        <p className="note" data-testid="lesson-hidden">
          {t('lessons.hiddenUntilRun')}
        </p>
      )}
    </article>
  );
}

function MeasuredOn({ measured, language }: { measured: LessonMeasurement; language: Language }) {
  const { t } = useTranslation();
  const steps = formatList(
    measured.runs.map((r) => formatCount(r.steps, language)),
    language,
  );
  return (
    <p className="note lesson-source" data-testid="lesson-source">
      {t('lessons.measuredOn', {
        date: formatDate(measured.date, language),
        backend: measured.backend === MEASURED_BACKEND ? t('lessons.backends.wasmNode') : measured.backend,
        steps: t('lessons.stepsPerRun', { steps }),
        time: formatDuration(measured.wallSeconds * 1000, language),
      })}{' '}
      {t('lessons.mayDiffer')}
    </p>
  );
}
