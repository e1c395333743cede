/**
 * Trains every lesson's runs in Node with the Worker's own training core (Trainer, TrainingRun, and RunGroup for a
 * preset's pair, which takes turns step by step as on the page) and writes what they measured to
 * src/app/lessons-measured.json, the file the lessons quote. Nothing a lesson says is typed by hand.
 *   npm run lessons:measure                          # every lesson (about an hour on 2 cores)
 *   npm run lessons:measure -- --only=init,rate      # some lessons, the others kept from the file
 *   npm run lessons:measure -- --out=/tmp/m.json     # somewhere else
 *   npm run lessons:measure -- --only=relu-tanh --query=model=article --out=/tmp/m.json   # other settings, to explore
 * WASM in Node runs on one thread; the page runs WASM on every core, so a lesson there takes at most about this long
 * on a machine like the one measured (the machine is recorded with the figures).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { setNodeBackend } from '../node/backends';
import { nodeReader } from '../node/data';
import {
  CROSSING_SMOOTHING,
  CROSSING_THRESHOLDS,
  LESSONS,
  lessonConfig,
  MEASURED_BACKEND,
  TRAIN_WINDOW,
  type LessonMeasurement,
  type LessonMeasurements,
  type MeasuredRun,
} from '../src/app/lessons';
import { isBuiltinDataset, type DatasetId, type DatasetSplits } from '../src/data/dataset';
import { loadDataset } from '../src/data/load';
import { englishText } from '../src/i18n/message';
import { configToQuery, validateConfig, type TrainConfig } from '../src/settings';
import { RunGroup, Turnstile } from '../src/train/group';
import { firstCrossing } from '../src/train/metrics';
import { TrainingRun, type RunEvent } from '../src/train/run';
import { Trainer } from '../src/train/trainer';
import { lessonRuns } from '../src/ui/lesson-runs';

const USAGE = `npm run lessons:measure [-- --only=ID,... --out=FILE --query=SETTINGS]
  --only=ID,...   only these lessons, the others kept from the file: ${LESSONS.map((l) => l.id).join(', ')}
  --out=FILE      where to write (default src/app/lessons-measured.json)
  --query=Q       settings over the lessons' own, as URL keys (model=article&bs=64); needs --out`;

// Strict: a mistyped flag or a stray word stops here, not after an hour of training written over the committed file.
function flags() {
  try {
    return parseArgs({
      options: { only: { type: 'string' }, out: { type: 'string' }, query: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}
const args = flags();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const out = args.out || 'src/app/lessons-measured.json';
const only = args.only?.split(',').filter(Boolean);
// An empty list would skip every lesson.
if (only?.length === 0) throw new Error('--only: name at least one lesson');
for (const id of only ?? []) if (!LESSONS.some((l) => l.id === id)) throw new Error(`--only: no lesson '${id}'`);
// Settings over the lessons' own, to try others; never into the committed file, which must match the lessons.
const explore = args.query ?? '';
if (explore && !args.out) throw new Error('--query needs --out: the committed file measures the lessons as they are');

await setNodeBackend('wasm');
const datasets = new Map<DatasetId, DatasetSplits>();
async function data(id: TrainConfig['dataset']): Promise<DatasetSplits> {
  if (!isBuiltinDataset(id)) throw new Error(`${id}: lessons use built-in datasets`);
  if (!datasets.has(id)) datasets.set(id, await loadDataset(id, nodeReader()));
  return datasets.get(id)!;
}

/** Trains runs together as the Worker does (taking turns when there are several); what each measured. */
async function train(items: { run: string; config: TrainConfig }[]): Promise<{ runs: MeasuredRun[]; wallSeconds: number }> {
  for (const { run, config } of items) {
    const errors = Object.values(validateConfig(config));
    if (errors.length) throw new Error(`${run}: ${errors.map(englishText).join('; ')}`);
  }
  const t0 = performance.now();
  const events: RunEvent[] = [];
  const turnstile = new Turnstile();
  const trainers: Trainer[] = [];
  for (const { config } of items) trainers.push(new Trainer(config, await data(config.dataset)));
  const group = new RunGroup(
    trainers.map(
      (t, i) =>
        new TrainingRun(items[i].run, t, 'wasm', {
          emit: (e) => {
            events.push(e);
            if (e.type === 'state' && e.message) console.log(`  ${e.runId}: ${e.state}: ${englishText(e.message)}`);
            if (e.type === 'epoch')
              console.log(
                `  ${e.runId}: epoch ${e.epoch}, validation ${(e.valAccuracy * 100).toFixed(2)}% (${Math.round(e.elapsedMs / 1000)} s)`,
              );
          },
          turn: items.length > 1 ? () => turnstile.enter() : undefined,
        }),
    ),
  );
  const states = await group.run();
  const wallSeconds = (performance.now() - t0) / 1000;
  const runs = items.map(({ run, config }, i): MeasuredRun => {
    const mine = events.filter((e) => e.runId === run);
    const steps = mine.filter((e) => e.type === 'step');
    const failed = mine.find((e) => e.type === 'state' && e.state === 'failed');
    const test = mine.find((e) => e.type === 'test');
    const window = steps.slice(-TRAIN_WINDOW);
    const trainingMs = steps.at(-1)?.elapsedMs ?? 0;
    const stepNumbers = steps.map((s) => s.step);
    const accuracies = steps.map((s) => s.accuracy);
    const state = states[i];
    return {
      run,
      query: configToQuery(config),
      state: state === 'done' || state === 'failed' || state === 'stopped' ? state : 'stopped',
      // A diverged run reports the step whose loss was not finite, in the message's values.
      divergedAt:
        failed?.type === 'state' && failed.reason === 'diverged' ? Number(failed.message?.values?.step ?? steps.length + 1) : null,
      steps: steps.length,
      totalSteps: trainers[i].totalSteps,
      batchSize: config.batchSize,
      trainAccuracy: window.length ? window.reduce((a, s) => a + s.accuracy, 0) / window.length : null,
      validation: mine.flatMap((e) => (e.type === 'epoch' ? [e.valAccuracy] : [])),
      test: test?.type === 'test' ? test.accuracy : null,
      crossings: Object.fromEntries(
        CROSSING_THRESHOLDS.map((t) => [String(t), firstCrossing(stepNumbers, accuracies, t, CROSSING_SMOOTHING)]),
      ),
      imagesPerSecond: trainingMs > 0 ? (steps.length * config.batchSize * 1000) / trainingMs : 0,
      msPerStep: steps.length ? trainingMs / steps.length : 0,
      trainSeconds: trainingMs / 1000,
    };
  });
  trainers.forEach((t) => t.dispose());
  return { runs, wallSeconds };
}

const previous: LessonMeasurements | null = only && existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : null;
const result: LessonMeasurements = {
  format: 'alexnet-playground-lessons',
  version: 1,
  command: 'npm run lessons:measure',
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version },
  lessons: { ...previous?.lessons },
};
const started = performance.now();
for (const lesson of LESSONS) {
  if (only && !only.includes(lesson.id)) continue;
  console.log(`${lesson.id}: ${lesson.query}${lesson.preset ? ` (preset ${lesson.preset})` : ''}`);
  const own = await train(lessonRuns(lesson, lessonConfig(lesson, explore)));
  const extras: MeasuredRun[] = [];
  for (const extra of lesson.extras ?? []) {
    console.log(` extra ${extra.run}: ${extra.query}`);
    extras.push(
      ...(await train([{ run: extra.run, config: lessonConfig(lesson, [explore, extra.query].filter(Boolean).join('&')) }])).runs,
    );
  }
  const measured: LessonMeasurement = {
    date: new Date().toISOString().slice(0, 10),
    backend: MEASURED_BACKEND,
    wallSeconds: Math.round(own.wallSeconds),
    runs: own.runs,
    extras,
  };
  result.lessons[lesson.id] = measured;
  for (const r of [...own.runs, ...extras])
    console.log(
      `  ${r.run}: ${r.state}${r.divergedAt !== null ? ` (diverged at step ${r.divergedAt})` : ''}, ${r.steps}/${r.totalSteps} steps, ` +
        `train ${pct(r.trainAccuracy)}, validation ${pct(r.validation.at(-1))}, test ${pct(r.test)}, ` +
        `crossings ${JSON.stringify(r.crossings)}, ${r.imagesPerSecond.toFixed(0)} img/s, ${r.msPerStep.toFixed(0)} ms/step`,
    );
  console.log(`  ${lesson.id}: ${measured.wallSeconds} s for its own runs`);
  // Written after every lesson: a long run stopped half way keeps what it measured.
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}
console.log(`done in ${Math.round((performance.now() - started) / 1000)} s; wrote ${out}`);

function pct(x: number | null | undefined): string {
  return x == null ? '–' : `${(x * 100).toFixed(2)}%`;
}
