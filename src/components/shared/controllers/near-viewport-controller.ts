import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How far outside the viewport an element counts as near: about a screen's scroll ahead. */
export const NEAR_VIEWPORT_MARGIN = '600px 0px';

/**
 * Tells an element when it first comes near the viewport, so a long page does not start
 * every figure's downloads and models at once: nothing is fetched for a figure until the
 * reader scrolls within `rootMargin` of it. Once near, it stays near (what was loaded is kept).
 * Hidden elements (`display: none`) never intersect, so they wait until they are shown.
 */
export class NearViewportController implements ReactiveController {
  #near = false;
  #observer: IntersectionObserver | undefined;
  #waiters: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onNear: () => void,
    private readonly rootMargin = NEAR_VIEWPORT_MARGIN,
  ) {
    host.addController(this);
  }

  /** Whether the host has come near the viewport since it was created. */
  get near(): boolean {
    return this.#near;
  }

  /** Resolves once the host has come near the viewport. */
  get whenNear(): Promise<void> {
    return this.#near ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }

  hostConnected(): void {
    if (this.#near || this.#observer) return;
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) this.#arrive();
    }, { rootMargin: this.rootMargin });
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #arrive(): void {
    this.hostDisconnected();
    this.#near = true;
    for (const resolve of this.#waiters.splice(0)) resolve();
    this.onNear();
    this.host.requestUpdate();
  }
}
