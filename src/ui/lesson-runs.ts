/**
 * The runs a lesson starts: its comparison preset's pair over its settings, or one run of them. Shared by the page
 * (which starts them) and scripts/lessons-measure.ts (which measures the very same runs). Pure.
 */
import { lessonConfig, type Lesson, type LessonRuns } from '../app/lessons';
import type { TrainConfig } from '../settings';
import { PRESETS } from './presets';

export function lessonRuns(lesson: Lesson, config: TrainConfig = lessonConfig(lesson)): LessonRuns {
  if (!lesson.preset) return [{ run: 'single', config }];
  const preset = PRESETS.find((p) => p.id === lesson.preset);
  if (!preset) throw new Error(`lesson ${lesson.id}: no preset '${lesson.preset}'`);
  return preset.pair(config).map((p) => ({ run: p.run, config: p.config }));
}
