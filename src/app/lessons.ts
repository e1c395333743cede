/**
 * The lessons: each one a short experiment with its settings (a link's query over the defaults, read by the settings
 * table's codec), the comparison preset it trains where it compares two runs, what a student predicts first, and the
 * figures its text quotes, taken from the committed measurement file (scripts/lessons-measure.ts writes it). Their
 * words are in src/i18n/<language>/lessons.ts under the lesson's id. Pure: the page, the tests and the measuring
 * script share it.
 */
import { playgroundNetwork } from '../model/networks';
import { summarize } from '../model/summary';
import { configFromQuery, DEFAULT_CONFIG, type TrainConfig } from '../settings';

export const LESSON_IDS = ['first-cnn', 'relu-tanh', 'init', 'rate', 'dropout', 'lrn', 'augment', 'pooling', 'batch'] as const;
export type LessonId = (typeof LESSON_IDS)[number];

export function isLessonId(x: unknown): x is LessonId {
  return (LESSON_IDS as readonly unknown[]).includes(x);
}

/** The training-error thresholds the measurement records crossings of (the comparison panel's rule). */
export const CROSSING_THRESHOLDS = [0.25, 0.1, 0.05] as const;
/** The comparison panel's default smoothing, so a measured crossing is the one the panel shows. */
export const CROSSING_SMOOTHING = 0.9;
/** Training accuracy is the mean over the last this many steps (fewer when a run has fewer). */
export const TRAIN_WINDOW = 50;

/** One measured run: what a lesson's text and answer may quote. */
export interface MeasuredRun {
  /** The preset's run name (`compare.presets.<preset>.runs.<run>`), `single`, or an extra run's name. */
  run: string;
  /** Its settings, as a link's query over the defaults. */
  query: string;
  state: 'done' | 'failed' | 'stopped';
  /** The step whose loss was not finite, when the run diverged (the page stops such a run with advice). */
  divergedAt: number | null;
  steps: number;
  totalSteps: number;
  batchSize: number;
  /** Mean training accuracy over the last TRAIN_WINDOW steps (dropout and augmentation active, as trained). */
  trainAccuracy: number | null;
  /** Validation accuracy after each epoch. */
  validation: number[];
  test: number | null;
  /** First step at or below each training error threshold (smoothed as the comparison panel smooths), keyed '0.25'. */
  crossings: Record<string, number | null>;
  imagesPerSecond: number;
  msPerStep: number;
  trainSeconds: number;
}

export interface LessonMeasurement {
  date: string;
  backend: string;
  /** The lesson's runs together (a pair trains in turns, as on the page), evaluations included. */
  wallSeconds: number;
  runs: MeasuredRun[];
  /** Runs measured for the text besides the lesson's own (not counted in wallSeconds). */
  extras: MeasuredRun[];
}

export interface LessonMeasurements {
  format: 'alexnet-playground-lessons';
  version: 1;
  command: string;
  machine: { cpu: string; cores: number; node: string };
  lessons: Partial<Record<LessonId, LessonMeasurement>>;
}

/** What measured the lessons: the file says the same in words, in the language of the file (English). */
export const MEASURED_BACKEND = 'WASM in Node, 1 thread';

/**
 * A figure a lesson's text quotes, or a sentence chosen by what was measured (a verdict, with figures of its own):
 * the page writes it in its language.
 */
export type Fact =
  | { kind: 'percent'; value: number | null }
  | { kind: 'count'; value: number | null }
  | { kind: 'decimal'; value: number | null; digits: number }
  /** A setting's value as the settings panel writes it (0.001, 1e-5). */
  | { kind: 'setting'; value: number }
  | { kind: 'word'; key: string; values?: Record<string, Fact> };

/** The runs a lesson starts: its preset's pair over its settings, or one run (`single`). */
export type LessonRuns = { run: string; config: TrainConfig }[];

export interface Lesson {
  id: LessonId;
  /** The lesson's settings, as a link's query over the defaults (the settings table's URL keys). */
  query: string;
  /** The comparison preset it trains (src/ui/presets.ts); none: one run with the lesson's settings. */
  preset?: string;
  /** The settings that matter here: a teacher's link may hide or lock the others. */
  focus: (keyof TrainConfig)[];
  /** At most this many minutes on a 2-core machine without a GPU: the tests hold the measured wall time to it. */
  minutes: number;
  /** A longer version for a machine with a GPU, as a query over the lesson's settings. */
  full?: string;
  /** Runs measured for figures the text quotes besides the lesson's own: name and query over the lesson's. */
  extras?: { run: string; query: string }[];
  /** The prediction's choices (`lessons.items.<id>.predict.options.<choice>`) and which one the measurement says. */
  predict: { options: string[]; answer: (m: LessonMeasurement) => string };
  /** Slots its text and question fill from its settings and the runs it starts, before anything is measured. */
  values?: (runs: LessonRuns, config: TrainConfig) => Record<string, Fact>;
  /** The figures its "measured" text quotes, by slot. */
  facts: (m: LessonMeasurement) => Record<string, Fact>;
}

const setting = (value: number): Fact => ({ kind: 'setting', value });
const pct = (value: number | null | undefined): Fact => ({ kind: 'percent', value: value ?? null });
const count = (value: number | null | undefined): Fact => ({ kind: 'count', value: value ?? null });
const dec = (value: number | null | undefined, digits = 1): Fact => ({ kind: 'decimal', value: value ?? null, digits });

/** A run of a measurement by name (a lesson's definitions and its measurement come from the same table). */
export function measuredRun(m: LessonMeasurement, run: string): MeasuredRun {
  const r = [...m.runs, ...m.extras].find((x) => x.run === run);
  if (!r) throw new Error(`no measured run '${run}'`);
  return r;
}

/** A measured run's settings, read back from its query. */
export const runConfig = (r: MeasuredRun): TrainConfig => configFromQuery(r.query).config;
const lastValidation = (r: MeasuredRun) => r.validation.at(-1) ?? null;
const crossing = (r: MeasuredRun, threshold: number) => r.crossings[String(threshold)] ?? null;
/** A crossing as a step, or the word "not reached". */
const stepFact = (step: number | null): Fact => (step === null ? { kind: 'word', key: 'lessons.notReached' } : count(step));
const verdict = (lesson: LessonId, which: string, values?: Record<string, Fact>): Fact => ({
  kind: 'word',
  key: `lessons.items.${lesson}.verdicts.${which}`,
  values,
});
/** Which of two runs crossed a threshold first (ties and neither go to the second). */
const firstTo = (a: MeasuredRun, b: MeasuredRun, threshold: number) =>
  (crossing(a, threshold) ?? Infinity) < (crossing(b, threshold) ?? Infinity);

/** What flips did to test accuracy, against the same run without them: helped, hurt, or within half a point. */
function flipVerdict(flip: number | null, plain: number | null, data: 'mnist' | 'fashion'): Fact {
  const points = ((flip ?? 0) - (plain ?? 0)) * 100;
  const which = points >= 0.5 ? 'Helped' : points <= -0.5 ? 'Hurt' : 'Same';
  return verdict('augment', `${data}${which}`, { points: dec(Math.abs(points)) });
}

/** Slots every lesson's text may use: its training images, batch, epochs and the network's weights. */
export function commonValues(runs: LessonRuns): Record<string, Fact> {
  const c = runs[0].config;
  return {
    images: count(c.trainLimit),
    batch: count(c.batchSize),
    epochs: count(c.epochs),
    params: count(summarize(playgroundNetwork(c)).totalParams),
  };
}

export const LESSONS: readonly Lesson[] = [
  {
    id: 'first-cnn',
    query: 'n=6400',
    focus: ['dataset', 'model', 'trainLimit', 'epochs', 'batchSize'],
    minutes: 5,
    full: 'n=0',
    predict: {
      options: ['half', 'most', 'nearly'],
      answer: (m) => {
        const t = measuredRun(m, 'single').test ?? 0;
        return t >= 0.95 ? 'nearly' : t >= 0.7 ? 'most' : 'half';
      },
    },
    facts: (m) => {
      const r = measuredRun(m, 'single');
      return {
        train: pct(r.trainAccuracy),
        validation: pct(lastValidation(r)),
        test: pct(r.test),
        steps: count(r.steps),
        cross10: stepFact(crossing(r, 0.1)),
      };
    },
  },
  {
    id: 'relu-tanh',
    query: 'model=small&n=25600',
    preset: 'relu-tanh',
    focus: ['activation', 'model', 'trainLimit'],
    minutes: 5,
    // The article's network takes longer than a lesson should on two cores, but it is where the order changes.
    full: 'model=article&n=9600',
    extras: [
      { run: 'article-relu', query: 'model=article&n=9600&act=relu' },
      { run: 'article-tanh', query: 'model=article&n=9600&act=tanh' },
    ],
    predict: {
      options: ['relu', 'tanh'],
      answer: (m) => (firstTo(measuredRun(m, 'relu'), measuredRun(m, 'tanh'), 0.25) ? 'relu' : 'tanh'),
    },
    facts: (m) => {
      const pair = (relu: MeasuredRun, tanh: MeasuredRun, prefix: string): Record<string, Fact> => {
        const at25 = firstTo(relu, tanh, 0.25) ? 'relu' : 'tanh';
        const at5 = firstTo(relu, tanh, 0.05) ? 'relu' : 'tanh';
        const which = at25 === at5 ? `${at25}All` : `${at25}Then${at5 === 'relu' ? 'Relu' : 'Tanh'}`;
        return {
          [`${prefix}relu25`]: stepFact(crossing(relu, 0.25)),
          [`${prefix}tanh25`]: stepFact(crossing(tanh, 0.25)),
          [`${prefix}relu10`]: stepFact(crossing(relu, 0.1)),
          [`${prefix}tanh10`]: stepFact(crossing(tanh, 0.1)),
          [`${prefix}relu5`]: stepFact(crossing(relu, 0.05)),
          [`${prefix}tanh5`]: stepFact(crossing(tanh, 0.05)),
          [`${prefix}reluTest`]: pct(relu.test),
          [`${prefix}tanhTest`]: pct(tanh.test),
          [`${prefix}verdict`]: verdict('relu-tanh', which),
        };
      };
      return {
        ...pair(measuredRun(m, 'relu'), measuredRun(m, 'tanh'), ''),
        ...pair(measuredRun(m, 'article-relu'), measuredRun(m, 'article-tanh'), 'article_'),
        articleImages: count(runConfig(measuredRun(m, 'article-relu')).trainLimit),
      };
    },
  },
  {
    id: 'init',
    query: 'model=small&n=12800&ep=2',
    preset: 'init',
    focus: ['init', 'model', 'activation'],
    minutes: 5,
    predict: {
      options: ['same', 'lower', 'fails'],
      answer: (m) => {
        const normal = measuredRun(m, 'normal');
        if (normal.divergedAt !== null) return 'fails';
        return (measuredRun(m, 'glorot').test ?? 0) - (normal.test ?? 0) >= 0.01 ? 'lower' : 'same';
      },
    },
    facts: (m) => {
      const glorot = measuredRun(m, 'glorot');
      const normal = measuredRun(m, 'normal');
      const points = ((glorot.test ?? 0) - (normal.test ?? 0)) * 100;
      return {
        glorotTest: pct(glorot.test),
        normalTest: pct(normal.test),
        glorot25: stepFact(crossing(glorot, 0.25)),
        normal25: stepFact(crossing(normal, 0.25)),
        verdict:
          normal.divergedAt !== null
            ? verdict('init', 'diverged', { step: count(normal.divergedAt) })
            : points >= 1
              ? verdict('init', 'lower', { points: dec(points) })
              : verdict('init', 'same'),
      };
    },
  },
  {
    id: 'rate',
    // SGD with momentum, AlexNet's optimiser from AlexNet's starting rate: its large rate overflows (see the preset).
    // Without LRN, whose divisor damps the first huge activations for a few more steps.
    query: 'model=small&n=12800&opt=sgd&lr=0.01&lrn=0',
    preset: 'rate',
    focus: ['learningRate', 'optimizer', 'momentum', 'model'],
    minutes: 5,
    predict: {
      options: ['low', 'high', 'neither'],
      answer: (m) => (measuredRun(m, 'high').divergedAt !== null ? 'high' : measuredRun(m, 'low').divergedAt !== null ? 'low' : 'neither'),
    },
    values: (runs, config) => ({
      rate: setting(config.learningRate),
      low: setting(runs.find((r) => r.run === 'low')!.config.learningRate),
      high: setting(runs.find((r) => r.run === 'high')!.config.learningRate),
    }),
    facts: (m) => {
      const low = measuredRun(m, 'low');
      const high = measuredRun(m, 'high');
      return {
        lowTrain: pct(low.trainAccuracy),
        lowTest: pct(low.test),
        lowSteps: count(low.steps),
        verdict:
          high.divergedAt !== null
            ? verdict('rate', 'diverged', { step: count(high.divergedAt) })
            : verdict('rate', 'stalled', { highTrain: pct(high.trainAccuracy) }),
      };
    },
  },
  {
    id: 'dropout',
    // The same few images every epoch, so that the network can learn them by heart; no LRN, which only costs time here.
    query: 'model=small&n=500&fix=1&ep=20&bs=32&lrn=0&drop=0.25',
    preset: 'dropout',
    focus: ['dropout', 'trainLimit', 'fixedSubset', 'epochs', 'model'],
    minutes: 5,
    predict: {
      options: ['larger', 'smaller'],
      answer: (m) => {
        const gap = (r: MeasuredRun) => (r.trainAccuracy ?? 0) - (lastValidation(r) ?? 0);
        return gap(measuredRun(m, 'off')) > gap(measuredRun(m, 'on')) ? 'larger' : 'smaller';
      },
    },
    values: (runs) => ({ rate: setting(runs.find((r) => r.run === 'on')!.config.dropout) }),
    facts: (m) => {
      const on = measuredRun(m, 'on');
      const off = measuredRun(m, 'off');
      return {
        onTrain: pct(on.trainAccuracy),
        onValidation: pct(lastValidation(on)),
        offTrain: pct(off.trainAccuracy),
        offValidation: pct(lastValidation(off)),
        onTest: pct(on.test),
        offTest: pct(off.test),
      };
    },
  },
  {
    id: 'lrn',
    query: 'model=small&n=12800&ep=2',
    preset: 'lrn',
    focus: ['lrn', 'lrnDepthRadius', 'lrnBias', 'lrnAlpha', 'lrnBeta', 'model'],
    minutes: 5,
    predict: {
      options: ['better', 'hardly', 'worse'],
      answer: (m) => {
        const diff = (measuredRun(m, 'on').test ?? 0) - (measuredRun(m, 'off').test ?? 0);
        return diff >= 0.01 ? 'better' : diff <= -0.01 ? 'worse' : 'hardly';
      },
    },
    facts: (m) => {
      const on = measuredRun(m, 'on');
      const off = measuredRun(m, 'off');
      return { onTest: pct(on.test), offTest: pct(off.test), onMs: dec(on.msPerStep, 0), offMs: dec(off.msPerStep, 0) };
    },
  },
  {
    id: 'augment',
    query: 'model=small&n=500&fix=1&ep=20&bs=32&lrn=0&shift=2&noise=0.1',
    preset: 'augment',
    focus: ['augShift', 'augNoise', 'augFlip', 'dataset', 'trainLimit', 'fixedSubset', 'epochs'],
    minutes: 5,
    // Flips alone: on digits with the lesson's settings, and on clothes, which this network learns more slowly (twice
    // the epochs, so that it has learnt the plain images before flips can matter).
    extras: [
      { run: 'mnist-flip', query: 'shift=0&noise=0&flip=1' },
      { run: 'fashion-plain', query: 'data=fashion&shift=0&noise=0&ep=40' },
      { run: 'fashion-flip', query: 'data=fashion&shift=0&noise=0&ep=40&flip=1' },
    ],
    predict: {
      options: ['higher', 'lower'],
      answer: (m) => ((lastValidation(measuredRun(m, 'on')) ?? 0) > (lastValidation(measuredRun(m, 'off')) ?? 0) ? 'higher' : 'lower'),
    },
    values: (runs) => ({ shift: count(runs.find((r) => r.run === 'on')!.config.augShift) }),
    facts: (m) => {
      const on = measuredRun(m, 'on');
      const off = measuredRun(m, 'off');
      return {
        onValidation: pct(lastValidation(on)),
        offValidation: pct(lastValidation(off)),
        onTest: pct(on.test),
        offTest: pct(off.test),
        mnistFlipTest: pct(measuredRun(m, 'mnist-flip').test),
        fashionPlainTest: pct(measuredRun(m, 'fashion-plain').test),
        fashionFlipTest: pct(measuredRun(m, 'fashion-flip').test),
        fashionEpochs: count(runConfig(measuredRun(m, 'fashion-flip')).epochs),
        verdict: flipVerdict(measuredRun(m, 'mnist-flip').test, off.test, 'mnist'),
        fashionVerdict: flipVerdict(measuredRun(m, 'fashion-flip').test, measuredRun(m, 'fashion-plain').test, 'fashion'),
      };
    },
  },
  {
    id: 'pooling',
    query: 'model=small&n=12800&ep=2',
    preset: 'pooling',
    focus: ['pooling', 'model'],
    minutes: 5,
    predict: {
      options: ['overlap', 'plain', 'tie'],
      answer: (m) => {
        const diff = (lastValidation(measuredRun(m, 'overlap')) ?? 0) - (lastValidation(measuredRun(m, 'plain')) ?? 0);
        return diff >= 0.005 ? 'overlap' : diff <= -0.005 ? 'plain' : 'tie';
      },
    },
    facts: (m) => {
      const overlap = measuredRun(m, 'overlap');
      const plain = measuredRun(m, 'plain');
      return {
        overlapValidation: pct(lastValidation(overlap)),
        plainValidation: pct(lastValidation(plain)),
        overlapTest: pct(overlap.test),
        plainTest: pct(plain.test),
        overlapMs: dec(overlap.msPerStep, 0),
        plainMs: dec(plain.msPerStep, 0),
      };
    },
  },
  {
    id: 'batch',
    query: 'model=small&n=12800',
    preset: 'batch',
    focus: ['batchSize', 'backend', 'model', 'trainLimit'],
    minutes: 5,
    extras: [{ run: 'batch-64', query: 'bs=64' }],
    predict: {
      options: ['small', 'large'],
      answer: (m) => (measuredRun(m, 'small').imagesPerSecond > measuredRun(m, 'large').imagesPerSecond ? 'small' : 'large'),
    },
    values: (runs) => ({
      small: count(runs.find((r) => r.run === 'small')!.config.batchSize),
      large: count(runs.find((r) => r.run === 'large')!.config.batchSize),
    }),
    facts: (m) => {
      const small = measuredRun(m, 'small');
      const large = measuredRun(m, 'large');
      const mid = measuredRun(m, 'batch-64');
      return {
        smallRate: count(Math.round(small.imagesPerSecond)),
        largeRate: count(Math.round(large.imagesPerSecond)),
        midRate: count(Math.round(mid.imagesPerSecond)),
        mid: count(mid.batchSize),
        smallSteps: count(small.steps),
        largeSteps: count(large.steps),
        smallTest: pct(small.test),
        largeTest: pct(large.test),
      };
    },
  },
];

export function lessonById(id: LessonId): Lesson {
  return LESSONS.find((l) => l.id === id)!;
}

/** A lesson's settings: the defaults with its query applied (the settings table's codec and rules). */
export function lessonConfig(lesson: Lesson, extra = ''): TrainConfig {
  const base = configFromQuery(lesson.query, DEFAULT_CONFIG).config;
  return extra ? configFromQuery(extra, base).config : base;
}
