import { fetchTrajectory, type Trajectory } from '../../pipeline/trajectory/index.js';
import { normalizeUrl } from './model-context.js';
import { DEFAULT_MODEL_URL } from './page-models.js';
import { defaultRunUrl, findDefaultRun, type RunSettings } from './default-recordings.js';

/** Whether an element draws with the shipped pocket model (what the shipped recordings were made with). */
export function usesShippedModel(model: string, instance: unknown): boolean {
  return instance === undefined && normalizeUrl(model) === normalizeUrl(DEFAULT_MODEL_URL);
}

/**
 * The shipped recording of exactly these settings on the shipped model, or undefined when
 * there is none — other settings, another model, or a package that leaves that file out (the
 * element then shows its "press Generate" state; a missing file is not the reader's error).
 */
export async function fetchShippedRecording(
  settings: RunSettings,
  model: { url: string; instance: unknown },
  signal?: AbortSignal,
): Promise<Trajectory | undefined> {
  const run = findDefaultRun(settings);
  if (!run || !usesShippedModel(model.url, model.instance)) return undefined;
  try {
    return await fetchTrajectory(defaultRunUrl(run), signal ? { signal } : {});
  } catch {
    return undefined;
  }
}

/** The caption shown under a figure while it shows a shipped recording. */
export function recordedCaption(loadingLive: boolean): string {
  return loadingLive
    ? 'A recording of the default run, shown while the model loads to draw your settings live.'
    : 'A recording of the default run, shipped with the page: no model has run yet. Change anything or press Generate to run the model live in your browser.';
}
