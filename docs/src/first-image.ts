/**
 * The article's loading line: model download progress while the shared model loads, then how
 * long the first generated picture took. The time is also left for tests and benchmarks as a
 * `lx-first-image` performance mark (milliseconds since navigation start).
 */
import type { ProgressDetail } from '../../src/components/shared/events.js';

/** Elements whose `lx-complete` means a finished generated picture. */
export const IMAGE_ELEMENTS: ReadonlySet<string> = new Set([
  'lx-pipeline-map',
  'lx-denoising-player',
  'lx-guidance-comparison',
  'lx-seed-comparison',
  'lx-explainer',
]);

/** Formats a progress event as a short sentence (bytes when a total is known). */
export function describeProgress(progress: ProgressDetail): string {
  const what = progress.phase === 'download' ? 'Downloading the pocket model' : `Working (${progress.phase})`;
  if (progress.total > 0) return `${what}: ${Math.round((100 * progress.loaded) / progress.total)} %`;
  return `${what}…`;
}

/**
 * Shows download progress, a failed figure's error, and the first picture's time in `status`;
 * resolves with that time (ms since navigation start).
 */
export function watchFirstImage(status: HTMLElement, root: EventTarget = document): Promise<number> {
  return new Promise((resolve) => {
    const onProgress = (event: Event) => {
      const detail = (event as CustomEvent<ProgressDetail>).detail;
      if (detail?.phase === 'download') status.textContent = describeProgress(detail);
    };
    const onComplete = (event: Event) => {
      const source = event.composedPath()[0];
      if (!(source instanceof HTMLElement) || !IMAGE_ELEMENTS.has(source.localName)) return;
      // A shipped recording shown at once is not a picture this device drew: mark it apart.
      if ((event as CustomEvent<{ recorded?: boolean }>).detail?.recorded) {
        if (!performance.getEntriesByName('lx-first-recorded-picture').length) performance.mark('lx-first-recorded-picture');
        return;
      }
      const elapsed = performance.now();
      performance.mark('lx-first-image', { startTime: elapsed });
      status.textContent = `First picture drawn ${(elapsed / 1000).toFixed(1)} s after the page started loading, on this device.`;
      root.removeEventListener('lx-progress', onProgress);
      root.removeEventListener('lx-complete', onComplete);
      root.removeEventListener('lx-error', onError);
      resolve(elapsed);
    };
    const onError = (event: Event) => {
      const source = event.composedPath()[0];
      if (!(source instanceof HTMLElement) || !IMAGE_ELEMENTS.has(source.localName)) return;
      status.textContent = `This figure could not draw: ${(event as CustomEvent<{ error: Error }>).detail.error.message}`;
    };
    root.addEventListener('lx-progress', onProgress);
    root.addEventListener('lx-complete', onComplete);
    root.addEventListener('lx-error', onError);
  });
}
