import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keeps the laid-out width of one element of a host (the host itself by default) and calls
 * `onResize` when it changes, so drawings sized in CSS pixels can be redrawn at the new size
 * instead of being stretched by their viewBox.
 *
 * The width comes from a ResizeObserver, which the browser calls after its own layout: reading
 * it never forces a layout, as `getBoundingClientRect` in a drawing call would (on a page that
 * has just grown a panel of canvases, that forced layout alone took hundreds of milliseconds).
 */
export class ResizeController implements ReactiveController {
  #observer: ResizeObserver | undefined;
  #target: Element | null = null;
  #width: number | undefined;

  /**
   * @param target The element to measure, looked up again after every update of the host (it
   *   may be rendered later, or replaced); the host when absent.
   */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    private readonly onResize: () => void,
    private readonly target: () => Element | null = () => host,
  ) {
    host.addController(this);
  }

  /** The target's content width in CSS pixels; `undefined` until the browser has reported it. */
  get width(): number | undefined {
    return this.#width;
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      const entry = entries.find((e) => e.target === this.#target);
      // Only the width decides a chart's layout; height changes are the chart's own doing.
      const width = entry?.contentRect.width;
      if (width === undefined || width === this.#width) return;
      this.#width = width;
      this.onResize();
    });
    this.#observeTarget();
  }

  hostUpdated(): void {
    this.#observeTarget();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#target = null;
    this.#width = undefined;
  }

  #observeTarget(): void {
    const target = this.target();
    if (!this.#observer || target === this.#target) return;
    if (this.#target) this.#observer.unobserve(this.#target);
    this.#target = target;
    this.#width = undefined;
    if (target) this.#observer.observe(target);
  }
}
