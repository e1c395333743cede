import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zh } from '../i18n/zh';
import { configFromQuery, configToQuery, validateConfig } from '../settings';
import { lessonRuns } from '../ui/lesson-runs';
import { PRESETS } from '../ui/presets';
import { MEASUREMENTS } from './lesson-measurements';
import { commonValues, LESSONS, lessonConfig, MEASURED_BACKEND, measuredRun, type Fact, type Lesson } from './lessons';

type Tree = { [k: string]: string | Tree };
const at = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], tree);
const text = (tree: unknown, key: string) => {
  const v = at(tree, key);
  if (typeof v !== 'string') throw new Error(`no text at ${key}`);
  return v;
};
const slots = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]);
/** Every key a fact names (a verdict's sentence), with the verdict's own slots. */
const words = (facts: Record<string, Fact>): { key: string; values: string[] }[] =>
  Object.values(facts).flatMap((f) =>
    f.kind === 'word' ? [{ key: f.key, values: Object.keys(f.values ?? {}) }, ...words(f.values ?? {})] : [],
  );

describe('every lesson', () => {
  it('has settings the settings table accepts, and they start: no notice, no problem', () => {
    for (const lesson of LESSONS) {
      const { notices } = configFromQuery(lesson.query);
      expect(notices, lesson.id).toEqual([]);
      for (const run of lessonRuns(lesson)) expect(validateConfig(run.config), `${lesson.id} ${run.run}`).toEqual({});
      for (const extra of [lesson.full, ...(lesson.extras ?? []).map((e) => e.query)].filter((q) => q !== undefined)) {
        expect(configFromQuery(extra, lessonConfig(lesson)).notices, `${lesson.id} ${extra}`).toEqual([]);
        expect(validateConfig(lessonConfig(lesson, extra)), `${lesson.id} ${extra}`).toEqual({});
      }
    }
  });

  it('names a comparison preset that exists, and its settings are the ones it is about', () => {
    for (const lesson of LESSONS) {
      if (!lesson.preset) continue;
      expect(
        PRESETS.some((p) => p.id === lesson.preset),
        lesson.id,
      ).toBe(true);
      const [a, b] = lessonRuns(lesson);
      // Same seed: the pair differs in its one ingredient, not in its start.
      expect(a.config.seed, lesson.id).toBe(b.config.seed);
    }
  });

  it('has its words in both languages: title, text, question, every choice, what to watch and what it measured', () => {
    for (const lesson of LESSONS) {
      const base = `lessons.items.${lesson.id}`;
      for (const tree of [en, zh]) {
        for (const k of ['title', 'text', 'predict.question', 'watch', 'measured']) expect(text(tree, `${base}.${k}`)).not.toBe('');
        for (const choice of lesson.predict.options) expect(text(tree, `${base}.predict.options.${choice}`)).not.toBe('');
      }
    }
  });

  it('keeps its text short: at most 150 words in English, and as long in Chinese (300 characters)', () => {
    for (const lesson of LESSONS) {
      const english = text(en, `lessons.items.${lesson.id}.text`);
      expect(english.split(/\s+/).length, lesson.id).toBeLessThanOrEqual(150);
      const chinese = text(zh, `lessons.items.${lesson.id}.text`);
      expect([...chinese.replace(/\{\{\w+\}\}/g, '')].length, lesson.id).toBeLessThanOrEqual(300);
    }
  });

  it('has a measurement in the committed file, of the runs it starts now, with a date, the backend and its steps', () => {
    for (const lesson of LESSONS) {
      const m = MEASUREMENTS.lessons[lesson.id];
      expect(m, lesson.id).toBeDefined();
      expect(m!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m!.backend).toBe(MEASURED_BACKEND);
      // A lesson whose settings changed since it was measured must be measured again (npm run lessons:measure).
      expect(
        m!.runs.map((r) => [r.run, r.query]),
        lesson.id,
      ).toEqual(lessonRuns(lesson).map((r) => [r.run, configToQuery(r.config)]));
      expect(
        m!.extras.map((r) => [r.run, r.query]),
        lesson.id,
      ).toEqual((lesson.extras ?? []).map((e) => [e.run, configToQuery(lessonConfig(lesson, e.query))]));
      for (const r of [...m!.runs, ...m!.extras]) {
        expect(r.steps, `${lesson.id} ${r.run}`).toBeGreaterThan(0);
        // Every run ended as the lesson means: trained to the end, or stopped by the page for diverging.
        expect(r.state === 'done' || r.divergedAt !== null, `${lesson.id} ${r.run}`).toBe(true);
      }
    }
  });

  it('takes at most its minutes, and at most 5, on the 2-core machine it was measured on', () => {
    expect(MEASUREMENTS.machine.cores).toBe(2);
    for (const lesson of LESSONS) {
      expect(lesson.minutes, lesson.id).toBeLessThanOrEqual(5);
      expect(MEASUREMENTS.lessons[lesson.id]!.wallSeconds, lesson.id).toBeLessThanOrEqual(lesson.minutes * 60);
    }
  });

  it('fills every slot of its texts from its settings or its measurement, in both languages', () => {
    for (const lesson of LESSONS) {
      const m = MEASUREMENTS.lessons[lesson.id]!;
      const runs = lessonRuns(lesson);
      const before = new Set(Object.keys({ ...commonValues(runs), ...lesson.values?.(runs, lessonConfig(lesson)) }));
      const facts = lesson.facts(m);
      const after = new Set([...before, ...Object.keys(facts)]);
      const base = `lessons.items.${lesson.id}`;
      for (const tree of [en, zh]) {
        const beforeRun = ['text', 'watch', 'predict.question', ...lesson.predict.options.map((o) => `predict.options.${o}`)];
        for (const k of beforeRun)
          for (const s of slots(text(tree, `${base}.${k}`))) expect(before.has(s), `${lesson.id} ${k} {{${s}}}`).toBe(true);
        for (const s of slots(text(tree, `${base}.measured`))) expect(after.has(s), `${lesson.id} measured {{${s}}}`).toBe(true);
        for (const w of words(facts)) {
          for (const s of slots(text(tree, w.key))) expect(w.values.includes(s), `${w.key} {{${s}}}`).toBe(true);
        }
      }
      // Its answer is one of its choices.
      expect(lesson.predict.options, lesson.id).toContain(lesson.predict.answer(m));
    }
  });
});

describe('what the lessons say matches what was measured', () => {
  const m = (id: Lesson['id']) => MEASUREMENTS.lessons[id]!;

  it('the learning-rate lesson: the large rate diverged (the page stops it) and the small one did not', () => {
    expect(measuredRun(m('rate'), 'high').divergedAt).not.toBeNull();
    expect(measuredRun(m('rate'), 'low').divergedAt).toBeNull();
  });

  it('the dropout lesson overfits: without dropout, training accuracy is above validation accuracy', () => {
    const off = measuredRun(m('dropout'), 'off');
    expect(off.trainAccuracy!).toBeGreaterThan(off.validation.at(-1)!);
  });

  it('the batch lesson compares batches of different sizes over the same images', () => {
    const small = measuredRun(m('batch'), 'small');
    const large = measuredRun(m('batch'), 'large');
    expect(small.batchSize).toBeLessThan(large.batchSize);
    expect(small.steps * small.batchSize).toBeGreaterThanOrEqual(large.steps * large.batchSize);
  });
});
