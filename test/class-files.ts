/**
 * A class's exported files, made from synthetic curves: each student's file holds one ReLU vs tanh pair as the
 * preset trains it, with accuracy rising as 1 - e^(-step/τ) plus seeded noise, so crossing steps and their ratios
 * are known. A few students are outliers on purpose: another backend, another learning rate, a far-off ratio.
 * Used by the unit tests and the browser tests (e2e/exchange.spec.ts).
 */
import { msg } from '../src/i18n/message';
import { runsJson } from '../src/app/run-export';
import { newRun, type RunRecord } from '../src/app/run-store';
import type { BackendName } from '../src/backend/names';
import { playgroundNetwork } from '../src/model/networks';
import { summarize } from '../src/model/summary';
import { DEFAULT_CONFIG, type TrainConfig } from '../src/settings';
import { mulberry32 } from '../src/train/random';

export const CLASS_CONFIG: TrainConfig = { ...DEFAULT_CONFIG, model: 'small', trainLimit: 6400, batchSize: 64, epochs: 3 };

export interface SyntheticRunOptions {
  id: string;
  name: string;
  config: TrainConfig;
  /** Steps for the accuracy to close 63% of its gap. */
  tau: number;
  seed: number;
  backend?: BackendName;
  group?: RunRecord['group'];
  createdAt?: number;
}

export function syntheticRun(o: SyntheticRunOptions): RunRecord {
  const r = newRun(o.id, o.config, 0, o.name, o.group);
  const random = mulberry32(o.seed);
  const stepsPerEpoch = Math.floor(o.config.trainLimit / o.config.batchSize);
  const total = stepsPerEpoch * o.config.epochs;
  const acc = (s: number) => 0.1 + 0.88 * (1 - Math.exp(-s / o.tau));
  for (let s = 1; s <= total; s++) {
    const a = Math.min(1, Math.max(0, acc(s) + (random() - 0.5) * 0.06));
    r.steps.step.push(s);
    r.steps.acc.push(a);
    r.steps.loss.push(-Math.log(Math.max(1e-3, a)) + 0.05);
    r.steps.ms.push(s * 50);
    if (s % stepsPerEpoch === 0) {
      r.epochs.epoch.push(s / stepsPerEpoch);
      r.epochs.step.push(s);
      r.epochs.valAcc.push(acc(s));
      r.epochs.valLoss.push(-Math.log(acc(s)));
      r.epochs.ms.push(s * 50);
    }
  }
  return {
    ...r,
    createdAt: o.createdAt ?? r.createdAt,
    state: 'done',
    backend: o.backend ?? 'wasm',
    machine: { userAgent: 'Mozilla/5.0 (synthetic)', cores: 4, backendReason: msg('run.error', { detail: 'synthetic run' }) },
    totalSteps: total,
    stepsPerEpoch,
    params: summarize(playgroundNetwork(o.config)).totalParams,
    imagesPerSec: 1200,
    elapsedMs: total * 50,
  };
}

export interface ClassFile {
  name: string;
  text: string;
}

/** Which students are outliers, and how (1-based student numbers). */
export const OUTLIERS = { backend: 7, settings: 13, ratio: 21 } as const;

/** `count` students' exported files, each with its ReLU vs tanh pair. */
export function classFiles(count = 30): ClassFile[] {
  const files: ClassFile[] = [];
  for (let student = 1; student <= count; student++) {
    const random = mulberry32(1000 + student);
    const group = { id: `relu-tanh-s${student}`, preset: 'ReLU vs tanh (AlexNet Figure 1)' };
    const config = student === OUTLIERS.settings ? { ...CLASS_CONFIG, learningRate: 0.01 } : CLASS_CONFIG;
    const backend: BackendName = student === OUTLIERS.backend ? 'webgl' : 'wasm';
    const reluTau = 30 + random() * 10;
    const tanhTau = student === OUTLIERS.ratio ? reluTau * 4 : reluTau * (1.4 + random() * 0.3);
    const t0 = Date.UTC(2026, 10, 1) + student * 3_600_000;
    const runs = [
      syntheticRun({
        id: `s${student}-relu`,
        name: `ReLU #${student}`,
        config: { ...config, activation: 'relu' },
        tau: reluTau,
        seed: student * 2,
        backend,
        group,
        createdAt: t0,
      }),
      syntheticRun({
        id: `s${student}-tanh`,
        name: `tanh #${student}`,
        config: { ...config, activation: 'tanh' },
        tau: tanhTau,
        seed: student * 2 + 1,
        backend,
        group,
        createdAt: t0 + 60_000,
      }),
    ];
    files.push({ name: `student-${String(student).padStart(2, '0')}.json`, text: runsJson(runs) });
  }
  return files;
}
