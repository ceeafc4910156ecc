/**
 * Classroom mode: shows one `.slide` of a container at a time, moved by keys or buttons, with
 * the Fullscreen API where the browser allows it and a window-filling layout where it does not.
 */

/** What a key press asks of the deck, or undefined when the key is not the deck's. */
export type DeckCommand = { readonly go: number } | { readonly move: number } | 'fullscreen' | 'exit';

/** Maps a key to a deck command; `count` is the number of slides. */
export function commandForKey(key: string, count: number): DeckCommand | undefined {
  if (key === 'ArrowRight' || key === 'PageDown' || key === ' ') return { move: 1 };
  if (key === 'ArrowLeft' || key === 'PageUp') return { move: -1 };
  if (key === 'Home') return { go: 0 };
  if (key === 'End') return { go: count - 1 };
  if (/^[1-9]$/.test(key) && Number(key) <= count) return { go: Number(key) - 1 };
  if (key === 'f' || key === 'F') return 'fullscreen';
  if (key === 'Escape') return 'exit';
  return undefined;
}

/** Whether a key event belongs to a control the reader is using (text box, slider, select…). */
export function isTypingTarget(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** One classroom deck over `container`'s `.slide` children. */
export class SlideDeck {
  readonly slides: HTMLElement[];
  #index = 0;
  #returnFocus: HTMLElement | null = null;
  readonly #position: HTMLElement | null;

  /** `onShow` is told each slide as it comes on screen (to draw its figures then). */
  constructor(
    readonly container: HTMLElement,
    private readonly onShow: (slide: HTMLElement) => void = () => undefined,
  ) {
    this.slides = [...container.querySelectorAll<HTMLElement>('.slide')];
    this.#position = container.querySelector('.classroom-position');
    container.addEventListener('keydown', (event) => this.#onKey(event));
    container.addEventListener('click', (event) => {
      const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action === 'next') this.show(this.#index + 1);
      else if (action === 'previous') this.show(this.#index - 1);
      else if (action === 'fullscreen') void this.toggleFullscreen();
      else if (action === 'exit') void this.close();
    });
  }

  get index(): number {
    return this.#index;
  }

  get isOpen(): boolean {
    return !this.container.hidden;
  }

  /** Opens classroom mode at slide `index`, full screen when the browser allows it. */
  async open(index = 0): Promise<void> {
    this.#returnFocus = document.activeElement as HTMLElement | null;
    this.container.hidden = false;
    document.documentElement.classList.add('classroom-open');
    for (const element of this.container.querySelectorAll('*')) if (element.localName.startsWith('lx-')) element.setAttribute('theme', 'dark');
    this.show(index);
    await this.toggleFullscreen(true);
  }

  /** Leaves classroom mode (and full screen) and gives the focus back. */
  async close(): Promise<void> {
    this.container.hidden = true;
    document.documentElement.classList.remove('classroom-open');
    this.#returnFocus?.focus();
    // Leaving full screen can drop the focus on the way out: give it back once it is done.
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    this.#returnFocus?.focus();
  }

  /** Shows slide `index` (clamped) and moves the focus to it. */
  show(index: number): void {
    this.#index = Math.max(0, Math.min(this.slides.length - 1, index));
    this.slides.forEach((slide, i) => (slide.hidden = i !== this.#index));
    const slide = this.slides[this.#index]!;
    slide.tabIndex = -1;
    slide.focus({ preventScroll: true });
    this.container.scrollTop = 0;
    if (this.#position) this.#position.textContent = `${this.#index + 1} / ${this.slides.length}`;
    this.onShow(slide);
  }

  /**
   * Turns full screen on or off; where the Fullscreen API is missing or refuses (no user
   * gesture, an iframe without permission), the fixed window-filling layout stays as it is.
   */
  async toggleFullscreen(on = !document.fullscreenElement): Promise<void> {
    try {
      if (on && document.fullscreenEnabled && !document.fullscreenElement) await this.container.requestFullscreen();
      else if (!on && document.fullscreenElement) await document.exitFullscreen();
    } catch {
      // Refused: the fallback layout already fills the window.
    }
  }

  #onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTypingTarget(event)) {
      // Esc hands the keys back to the deck from a control.
      if (event.key === 'Escape') this.slides[this.#index]!.focus({ preventScroll: true });
      return;
    }
    const command = commandForKey(event.key, this.slides.length);
    if (!command) return;
    event.preventDefault();
    if (command === 'fullscreen') void this.toggleFullscreen();
    else if (command === 'exit') void this.close();
    else if ('go' in command) this.show(command.go);
    else this.show(this.#index + command.move);
  }
}
