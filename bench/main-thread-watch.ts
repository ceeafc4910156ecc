// Watching the page's main thread in browser tests: long tasks, and our own long scripts told
// apart from the test runner's and the browser's by Long Animation Frames attribution, with a
// probe of how much other load on the machine stretches every task.

/** The library's sources, as the dev server serves them. */
export const librarySources = /\/src\/(playground|components|pipeline)\//;

/** A long animation frame's script entry (Long Animation Frames API; not yet in TypeScript's DOM types). */
interface ScriptTiming {
  readonly sourceURL: string;
  readonly duration: number;
  readonly invoker: string;
}

/** What happened on the main thread while `during` ran. */
export interface MainThreadReport {
  /** Durations of all long tasks (> 50 ms), whoever caused them. */
  readonly longTasks: number[];
  /** Scripts from files matching `ours` that ran for more than 50 ms in one go. */
  readonly ourLongScripts: string[];
  /** Every script that ran for more than 50 ms, whatever its source. */
  readonly anyLongScripts: string[];
  /** Number of long animation frames seen. */
  readonly longFrames: number;
}

/**
 * Watches the main thread while `during` runs: every long task (PerformanceObserver
 * 'longtask'), and — to tell our code from the test runner's or the browser's — the script
 * attribution of long animation frames, keeping scripts from files matching `ours` that ran
 * over 50 ms.
 */
export async function watchMainThread(ours: RegExp, during: () => Promise<void>): Promise<MainThreadReport> {
  const longTasks: number[] = [];
  const ourLongScripts: string[] = [];
  const anyLongScripts: string[] = [];
  let longFrames = 0;
  const tasks = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => Math.round(entry.duration))));
  const frames = new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as (PerformanceEntry & { scripts: ScriptTiming[] })[]) {
      longFrames += 1;
      for (const script of frame.scripts) {
        if (script.duration <= 50) continue;
        const description = `${script.invoker} in ${script.sourceURL}: ${Math.round(script.duration)} ms`;
        anyLongScripts.push(description);
        if (ours.test(script.sourceURL)) ourLongScripts.push(description);
      }
    }
  });
  tasks.observe({ type: 'longtask', buffered: false });
  frames.observe({ type: 'long-animation-frame', buffered: false });
  await during();
  // Entries are delivered asynchronously; give the last ones time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  tasks.disconnect();
  frames.disconnect();
  return { longTasks, ourLongScripts, anyLongScripts, longFrames };
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let probeSink = 0;
/** Milliseconds a fixed piece of arithmetic takes on the main thread right now. */
export function probe(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 200_000; i++) sum += Math.sqrt(i);
  probeSink += sum;
  return performance.now() - started;
}

/**
 * How much slower the main thread runs now than at its best: on a shared machine other
 * processes take time slices, stretching every task's wall time alike. The best of many
 * probes stands in for the unloaded speed.
 */
export async function measureBestProbe(): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 15; i++) {
    best = Math.min(best, probe());
    await wait(15);
  }
  return best;
}

/**
 * Our scripts that ran longer than 50 ms stretched by `slowdown` (see `measureBestProbe`):
 * what a test of "no main-thread block over 50 ms from our code" fails on.
 */
export function scriptsOverLimit(report: MainThreadReport, limit: number): string[] {
  return report.ourLongScripts.filter((line) => Number(/: (\d+) ms/.exec(line)![1]) > limit);
}
