/**
 * What the lessons measured: src/app/lessons-measured.json, written by scripts/lessons-measure.ts and committed, so
 * that every figure a lesson quotes comes from a recorded run (src/app/lessons.test.ts checks it is complete).
 */
import file from './lessons-measured.json';
import type { LessonMeasurements } from './lessons';

export const MEASUREMENTS = file as unknown as LessonMeasurements;
