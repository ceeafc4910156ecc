/**
 * Draws a page's figures one after another in reading order, so the first figure gets the
 * whole machine and the page never runs a dozen generations at once. A new round (the prompt
 * changed again) replaces the one in progress after its current figure.
 */

/** An element that draws on request (the player, the guidance and seed grids…). */
export interface Drawable extends HTMLElement {
  generate(): Promise<void>;
  readonly updateComplete?: Promise<unknown>;
}

function isDrawable(element: Element): element is Drawable {
  return typeof (element as Partial<Drawable>).generate === 'function';
}

/**
 * The figures under `root` that draw on request, in document order, leaving out recordings
 * (`src`) and, unless `withAutoplay`, elements that start themselves (`autoplay`).
 */
export function drawableFigures(root: ParentNode, { withAutoplay = false } = {}): Drawable[] {
  return [...root.querySelectorAll('*')].filter(
    (element): element is Drawable =>
      isDrawable(element) && !element.getAttribute('src') && (withAutoplay || !element.hasAttribute('autoplay')),
  );
}

/** One round of drawing at a time. */
export class DrawQueue {
  #round = 0;

  /** Draws `figures` in turn; resolves when done or when a newer round took over. */
  async draw(figures: readonly Drawable[]): Promise<void> {
    const round = ++this.#round;
    for (const figure of figures) {
      if (round !== this.#round) return;
      await figure.updateComplete;
      // A figure that fails shows its own error (and fires lx-error); the next one goes on.
      await figure.generate().catch(() => undefined);
    }
  }
}

/**
 * Resolves when each of `elements` has finished its current work (its next `lx-complete` or
 * `lx-error`), or after `timeoutMs`. Used to let the tokens view encode before the figures
 * draw: onnxruntime-web runs one inference at a time per page, and overlapping runs fail.
 */
export function nextSettled(elements: readonly Element[], timeoutMs = 15_000): Promise<void> {
  const one = (element: Element) =>
    new Promise<void>((resolve) => {
      const done = () => {
        element.removeEventListener('lx-complete', done);
        element.removeEventListener('lx-error', done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      element.addEventListener('lx-complete', done);
      element.addEventListener('lx-error', done);
    });
  return Promise.all(elements.map(one)).then(() => undefined);
}
