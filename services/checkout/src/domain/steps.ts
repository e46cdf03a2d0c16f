/**
 * The saga's steps in order. Until `place` the checkout can be rolled back; from `place` on the
 * order may exist, so the saga only moves forward (retrying) — `place` is the pivot.
 */
export const STEPS = ['validate', 'reserve', 'price', 'authorize', 'place', 'confirm'] as const;
export type Step = (typeof STEPS)[number];

/** Compensations, run in this order (the reverse of the steps that hold something). */
export const COMPENSATIONS = ['void', 'release-redemptions', 'release-reservation', 'release-cart'] as const;
export type Compensation = (typeof COMPENSATIONS)[number];

/** Where a saga stands: the next step (or compensation) to run, or `done`. */
export type Position = Step | Compensation | 'done';

/** The step after `step`, `done` after the last. */
export function nextStep(step: Step): Step | 'done' {
  return STEPS[STEPS.indexOf(step) + 1] ?? 'done';
}

/** The compensation after `compensation`, `done` after the last. */
export function nextCompensation(compensation: Compensation): Compensation | 'done' {
  return COMPENSATIONS[COMPENSATIONS.indexOf(compensation) + 1] ?? 'done';
}

/** Whether the saga has got as far as `step` (started it, at least). */
export function reached(position: Step, step: Step): boolean {
  return STEPS.indexOf(position) >= STEPS.indexOf(step);
}

/** From the pivot on, a failure is retried, never compensated. */
export function pastPivot(position: Step): boolean {
  return reached(position, 'place');
}
