import { assetUrl } from '../../assets.js';

/**
 * The shipped recordings of the elements' default runs (`assets/recordings/`), so a figure shows
 * a true picture the moment it comes into view, before any model has loaded. One table for the
 * elements (which file matches which settings) and for `npm run build:recordings` (which runs to
 * record with the shipped pocket model); a Node test checks each file against the model.
 */

/** One recorded default run: the settings it was made with and its file under `assets/recordings/`. */
export interface DefaultRun {
  readonly file: string;
  readonly prompt: string;
  readonly seed: string;
  readonly guidance: number;
  readonly steps: number;
}

const PROMPT = 'a sheep riding a motorcycle';
const run = (file: string, seed: string, guidance: number): DefaultRun => ({ file, prompt: PROMPT, seed, guidance, steps: 20 });

/** Every shipped default run, each recorded once (the player's run is also the grid's guidance-7.5 cell). */
export const DEFAULT_RUNS = {
  sheep42: run('sheep-seed42-guidance7.5.lxt', '42', 7.5),
  sheep42g1: run('sheep-seed42-guidance1.lxt', '42', 1),
  sheep42g3: run('sheep-seed42-guidance3.lxt', '42', 3),
  sheep42g12: run('sheep-seed42-guidance12.lxt', '42', 12),
  sheep1: run('sheep-seed1-guidance7.5.lxt', '1', 7.5),
  sheep2: run('sheep-seed2-guidance7.5.lxt', '2', 7.5),
  sheep3: run('sheep-seed3-guidance7.5.lxt', '3', 7.5),
  sheep4: run('sheep-seed4-guidance7.5.lxt', '4', 7.5),
} as const satisfies Record<string, DefaultRun>;

/** Where a shipped recording is served (beside the model, resolved like every asset). */
export const defaultRunUrl = (run: DefaultRun): string => assetUrl(`recordings/${run.file}`);

/** The settings an element is about to run, parsed (what `matchesDefaultRun` compares). */
export interface RunSettings {
  readonly prompt: string;
  readonly seed: bigint;
  readonly guidance: number;
  readonly steps: number;
  /** Sampler alias; undefined for the model's own (the only one recorded). */
  readonly scheduler: string | undefined;
  /** Image side; undefined for the model's native size (the only one recorded). */
  readonly size: number | undefined;
}

/** Whether `settings` are exactly the recorded run's, so its recording shows what a live run would. */
export function matchesDefaultRun(run: DefaultRun, settings: RunSettings): boolean {
  return (
    settings.prompt === run.prompt &&
    settings.seed === BigInt(run.seed) &&
    settings.guidance === run.guidance &&
    settings.steps === run.steps &&
    settings.scheduler === undefined &&
    settings.size === undefined
  );
}

/** The shipped run recorded with `settings`, if there is one. */
export function findDefaultRun(settings: RunSettings): DefaultRun | undefined {
  return Object.values(DEFAULT_RUNS).find((run) => matchesDefaultRun(run, settings));
}
