/**
 * The loss curve's data: (step, loss) pairs from progress messages. Past `capacity` points
 * every other point is dropped, so a long run keeps its whole shape at a bounded cost.
 */
export interface LossHistory {
  readonly steps: Float64Array;
  readonly losses: Float64Array;
}

/** An empty history. */
export const emptyLossHistory: LossHistory = { steps: new Float64Array(0), losses: new Float64Array(0) };

/** A new history with one more point (NaN losses — no step run yet — are skipped). */
export function appendLoss(history: LossHistory, step: number, loss: number, capacity = 200): LossHistory {
  if (!Number.isFinite(loss)) return history;
  let steps = Float64Array.from([...history.steps, step]);
  let losses = Float64Array.from([...history.losses, loss]);
  if (steps.length > capacity) {
    steps = steps.filter((_, index) => index % 2 === 1);
    losses = losses.filter((_, index) => index % 2 === 1);
  }
  return { steps, losses };
}
