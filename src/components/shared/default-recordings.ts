import { assetUrl } from '../../assets.js';
import type { SchedulerAlias } from '../../pipeline/math/schedulers/index.js';

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
  /** The sampler asked for by name; undefined for the model's own (`record` without `--scheduler`). */
  readonly scheduler?: SchedulerAlias;
  /**
   * Which steps keep their decoded picture: `all` for figures that scrub through the steps (the
   * player), `final` for those that show only the finished picture (grid cells), a smaller file.
   */
  readonly pictures: 'all' | 'final';
}

const PROMPT = 'a sheep riding a motorcycle';
const run = (file: string, seed: string, guidance: number, pictures: DefaultRun['pictures']): DefaultRun => ({ file, prompt: PROMPT, seed, guidance, steps: 20, pictures });
/** A column of the scheduler comparison's default: seed 42, guidance 7.5, one sampler and step count. */
const column = (scheduler: SchedulerAlias, steps: number): DefaultRun => ({
  file: `sheep-seed42-guidance7.5-${scheduler.replace(/\+/g, 'p')}-${steps}steps.lxt`,
  prompt: PROMPT,
  seed: '42',
  guidance: 7.5,
  steps,
  scheduler,
  pictures: 'final',
});

/** Every shipped default run, each recorded once (the player's run is also the grid's guidance-7.5 cell). */
export const DEFAULT_RUNS = {
  sheep42: run('sheep-seed42-guidance7.5.lxt', '42', 7.5, 'all'),
  sheep42g1: run('sheep-seed42-guidance1.lxt', '42', 1, 'final'),
  sheep42g3: run('sheep-seed42-guidance3.lxt', '42', 3, 'final'),
  sheep42g12: run('sheep-seed42-guidance12.lxt', '42', 12, 'final'),
  sheep1: run('sheep-seed1-guidance7.5.lxt', '1', 7.5, 'final'),
  sheep2: run('sheep-seed2-guidance7.5.lxt', '2', 7.5, 'final'),
  sheep3: run('sheep-seed3-guidance7.5.lxt', '3', 7.5, 'final'),
  sheep4: run('sheep-seed4-guidance7.5.lxt', '4', 7.5, 'final'),
  // lx-scheduler-comparison's default columns (its `columns` attribute).
  ddim50: column('ddim', 50),
  ddim10: column('ddim', 10),
  dpmpp2m10: column('dpm++2m', 10),
  euler10: column('euler', 10),
  eulerA10: column('euler-a', 10),
  lcm4: column('lcm', 4),
  ddpm50: column('ddpm', 50),
} as const satisfies Record<string, DefaultRun>;

/**
 * lx-latent-walk's default walk (seeds 1 → 2 on the arc, 9 frames), recorded by the CLI's
 * `walk --record`: one recorded step per frame, each frame's final picture.
 */
export const DEFAULT_WALK = {
  file: 'sheep-walk-seed1-seed2-9frames.lxt',
  prompt: PROMPT,
  seed: '1',
  toSeed: '2',
  frames: 9,
  guidance: 7.5,
  steps: 20,
} as const;

/** Where a shipped recording is served (beside the model, resolved like every asset). */
export const defaultRunUrl = (run: Pick<DefaultRun, 'file'>): string => assetUrl(`recordings/${run.file}`);

/** The settings an element is about to run, parsed (what `matchesDefaultRun` compares). */
export interface RunSettings {
  readonly prompt: string;
  readonly seed: bigint;
  readonly guidance: number;
  readonly steps: number;
  /** Sampler alias; undefined for the model's own. */
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
    settings.scheduler === run.scheduler &&
    settings.size === undefined
  );
}

/** The shipped run recorded with `settings`, if there is one. */
export function findDefaultRun(settings: RunSettings): DefaultRun | undefined {
  return Object.values(DEFAULT_RUNS).find((run) => matchesDefaultRun(run, settings));
}

/** The settings of a walk an element is about to draw, parsed (what `matchesDefaultWalk` compares). */
export interface WalkSettings extends RunSettings {
  readonly mode: string;
  readonly toSeed: bigint;
  readonly frames: number;
  readonly interpolation: string;
}

/** Whether `settings` are exactly the shipped walk's (`DEFAULT_WALK`), so its recording shows what a live walk would. */
export function matchesDefaultWalk(settings: WalkSettings): boolean {
  const walk = DEFAULT_WALK;
  return (
    settings.mode === 'seeds' &&
    settings.interpolation === 'spherical' &&
    settings.toSeed === BigInt(walk.toSeed) &&
    settings.frames === walk.frames &&
    matchesDefaultRun({ ...walk, pictures: 'final' }, settings)
  );
}
