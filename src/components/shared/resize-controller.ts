import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onResize` whenever the host's box changes size while it is on the page, so drawings
 * sized in CSS pixels (see `measuredChartSize`) can be redrawn at the new size instead of
 * being stretched by their viewBox.
 */
export class ResizeController implements ReactiveController {
  #observer: ResizeObserver | undefined;
  #width = -1;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onResize: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver(([entry]) => {
      // Only the width decides a chart's layout; height changes are the chart's own doing.
      const width = entry?.contentRect.width ?? 0;
      if (width === this.#width) return;
      this.#width = width;
      this.onResize();
    });
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#width = -1;
  }
}
