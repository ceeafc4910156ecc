/**
 * One prompt for the whole page. Every element that has a `prompt` (the tokens view, the
 * player, the guidance and seed grids, the trajectory plot…) shows the same sentence: when a
 * reader edits it in any of them, or in a page-level prompt box, the others follow.
 *
 * Elements announce an edit either with an `lx-prompt-change` event (detail `{ prompt }`), or
 * simply by changing their own public `prompt` property after the reader types in them; the
 * latter is noticed from the composed `input`/`change` events their prompt boxes fire.
 * An element with a `data-own-prompt` attribute keeps its own prompt and is left out.
 */

/** An element that takes part: anything with a string `prompt` property. */
export interface PromptHolder extends HTMLElement {
  prompt: string;
  readonly updateComplete?: Promise<unknown>;
}

/** Told each new prompt and the element it came from (undefined for the page itself). */
export type PromptListener = (prompt: string, source: Element | undefined) => void;

/** Detail of the `lx-prompt-change` event. */
export interface PromptChangeDetail {
  readonly prompt: string;
}

/** How long to wait after typing before reading an element's prompt (its own debounce is shorter). */
const SETTLE_MS = 450;

/** Whether `node` is an element with a string `prompt` property (a participant). */
export function isPromptHolder(node: EventTarget | null): node is PromptHolder {
  return (
    node instanceof HTMLElement &&
    node.tagName.includes('-') &&
    !node.hasAttribute('data-own-prompt') &&
    typeof (node as Partial<PromptHolder>).prompt === 'string'
  );
}

/** The page's shared prompt. */
export class PagePrompt {
  #prompt: string;
  readonly #root: ParentNode;
  readonly #listeners = new Set<PromptListener>();
  readonly #timers = new Map<PromptHolder, ReturnType<typeof setTimeout>>();

  /** Starts from `initial` and sets it on every participant under `root` right away. */
  constructor(root: ParentNode & EventTarget, initial: string) {
    this.#root = root;
    this.#prompt = initial;
    root.addEventListener('lx-prompt-change', (event) => {
      const prompt = (event as CustomEvent<PromptChangeDetail>).detail?.prompt;
      if (typeof prompt === 'string') this.set(prompt, holderOf(event));
    });
    for (const type of ['input', 'change']) root.addEventListener(type, (event) => this.#noticeEdit(event));
    this.#broadcast(undefined);
  }

  get prompt(): string {
    return this.#prompt;
  }

  /** Calls `listener` with every new prompt (for page-level boxes, and to redraw figures). */
  subscribe(listener: PromptListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Makes `prompt` the page's prompt; `source` (the element that changed it) is left as is. */
  set(prompt: string, source?: Element): void {
    const next = prompt.trim();
    if (next === '' || next === this.#prompt) return;
    this.#prompt = next;
    this.#broadcast(source);
  }

  /**
   * Every participant on the page now, plus custom elements not yet defined that carry a
   * `prompt` attribute (so they start from the page's prompt once they upgrade).
   */
  holders(): HTMLElement[] {
    return [...this.#root.querySelectorAll<HTMLElement>('*')].filter(
      (node) => isPromptHolder(node) || (node.tagName.includes('-') && node.hasAttribute('prompt') && !node.hasAttribute('data-own-prompt')),
    );
  }

  #broadcast(source: Element | undefined): void {
    for (const holder of this.holders()) {
      if (holder !== source && (holder as Partial<PromptHolder>).prompt !== this.#prompt) {
        holder.setAttribute('prompt', this.#prompt);
      }
    }
    for (const listener of this.#listeners) listener(this.#prompt, source);
  }

  /** A reader typed inside an element: once it has taken the text as its prompt, adopt it. */
  #noticeEdit(event: Event): void {
    const holder = holderOf(event);
    if (!holder) return;
    clearTimeout(this.#timers.get(holder));
    this.#timers.set(
      holder,
      setTimeout(async () => {
        this.#timers.delete(holder);
        await holder.updateComplete;
        if (holder.prompt !== this.#prompt) this.set(holder.prompt, holder);
      }, SETTLE_MS),
    );
  }
}

/** The outermost participant an event came through (events are retargeted to shadow hosts). */
function holderOf(event: Event): PromptHolder | undefined {
  const path = event.composedPath();
  for (let i = path.length - 1; i >= 0; i--) {
    if (isPromptHolder(path[i]!)) return path[i] as PromptHolder;
  }
  return undefined;
}
