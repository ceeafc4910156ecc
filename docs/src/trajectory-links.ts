/**
 * Feeds trajectory plots from the figures that drew the runs: a plot with `data-from="<id>"`
 * shows the runs of that element each time it completes (a player's one run, or a grid's
 * runs — labelled by the grid's guidance scales or seeds — on one plot to compare paths).
 */
import type { StepRecord } from '../../src/pipeline/math/step-record.js';

/** The labelled runs a trajectory plot takes in its `runs` property. */
export interface LabelledRun {
  readonly label: string;
  readonly records: readonly StepRecord[];
}

/** The `lx-complete` details of the player (`records`) and of the grids (`runs`). */
type CompleteDetail = { records?: readonly StepRecord[]; runs?: readonly (readonly StepRecord[] | { records: readonly StepRecord[]; label?: string })[] };

/** Labels for a grid's runs from its `scales` or `seeds` attribute, else "run n". */
export function runLabels(source: Element, count: number): string[] {
  const scales = source.getAttribute('scales')?.split(',').map((s) => `guidance ${s.trim()}`);
  const seeds = source.getAttribute('mode') !== 'prompts' ? source.getAttribute('seeds')?.split(',').map((s) => `seed ${s.trim()}`) : undefined;
  const named = scales ?? seeds ?? [];
  return Array.from({ length: count }, (_, i) => named[i] ?? `run ${i + 1}`);
}

/** Turns a completed figure's detail into labelled runs. */
export function runsFromDetail(source: Element, detail: CompleteDetail): LabelledRun[] {
  if (detail.records) return [{ label: 'this run', records: detail.records }];
  const runs = detail.runs ?? [];
  const labels = runLabels(source, runs.length);
  return runs.map((run, i) => ('records' in run ? { label: run.label ?? labels[i]!, records: run.records } : { label: labels[i]!, records: run as readonly StepRecord[] }));
}

/** Connects every `[data-from]` trajectory plot under `root` to its source figure. */
export function linkTrajectories(root: ParentNode): void {
  for (const plot of root.querySelectorAll<HTMLElement & { runs?: LabelledRun[] }>('lx-trajectory-plot[data-from]')) {
    const source = document.getElementById(plot.dataset.from!);
    source?.addEventListener('lx-complete', (event) => {
      if (event.target !== source) return;
      plot.runs = runsFromDetail(source, (event as CustomEvent<CompleteDetail>).detail);
    });
  }
}
