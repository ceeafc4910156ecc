import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { InvalidOptionError } from '../../../errors.js';
import { parseGuidanceAttribute, parseSchedulerAttribute, parseSeedAttribute, parseStepsAttribute } from '../run-attributes.js';
import { changedFields, readSharedFields, shareKey, writeSharedFields, type SharedFields } from '../share-fragment.js';

/** One piece of an element's state a link can carry, under its attribute's name. */
export interface ShareField {
  /** The attribute name, as written in the link (`seed`, `to-seed`, `step`). */
  readonly name: string;
  /** The current value as text ('' may stand for "the default", e.g. the player's last step). */
  get(): string;
  /** Applies a value from a link (already checked). */
  set(raw: string): void;
  /** Throws a typed error when `raw` is no value the attribute accepts: the attribute's own parser. */
  check?(raw: string): unknown;
}

/** An element that can share: it has the `share` attribute (read when it is connected). */
export interface ShareHost extends ReactiveControllerHost, HTMLElement {
  share: boolean;
}

/** Milliseconds of quiet before the address is rewritten (a slider drag writes once). */
export const SHARE_DEBOUNCE_MS = 250;

/**
 * A string property shared under its attribute name, checked with the attribute's parser.
 * `property` defaults to the attribute's camelCase form.
 */
export function attributeField<H extends object>(host: H, attribute: string, check?: (raw: string) => unknown, property?: keyof H & string): ShareField {
  const key = (property ?? attribute.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())) as keyof H;
  return {
    name: attribute,
    get: () => String(host[key] ?? ''),
    set: (raw) => {
      (host as Record<keyof H, unknown>)[key] = raw;
    },
    ...(check ? { check } : {}),
  };
}

/** A parser's message without the `field: ` its error starts with, to quote inside another sentence. */
function reason(error: unknown, field: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
}

/**
 * Keeps an element's state in the page address when the author opts in with `share`: on
 * connect it reads the element's pairs from the URL fragment (format and keys:
 * `share-fragment.ts`), checks each with the attribute's own parser and applies the good ones
 * before the first render; after each update it writes the fields that differ from the
 * author's attributes back, debounced, with `history.replaceState` (the back button does not
 * step through every setting). A bad or unknown value in a hand-edited link is not applied and
 * is reported once through `onError` as an `InvalidOptionError` naming the field, in words.
 * Editing the fragment by hand in an open page (`hashchange`) applies it the same way.
 */
export class ShareController implements ReactiveController {
  #key = '';
  #baseline: SharedFields = new Map();
  #active = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onHashChange = (): void => this.#restore();

  constructor(
    private readonly host: ShareHost,
    fields: readonly ShareField[] | (() => readonly ShareField[]),
    private readonly onError: (error: Error) => void,
  ) {
    this.#fields = fields;
    host.addController(this);
  }

  readonly #fields: readonly ShareField[] | (() => readonly ShareField[]);

  /** The fields shared (a function when they are known only after the element's own fields, as in a base class). */
  private get fields(): readonly ShareField[] {
    return typeof this.#fields === 'function' ? this.#fields() : this.#fields;
  }

  /** The key this element's pairs carry in the fragment ('' while not sharing). */
  get key(): string {
    return this.#active ? this.#key : '';
  }

  hostConnected(): void {
    if (!this.host.share || typeof location === 'undefined') return;
    const root = this.host.getRootNode() as ParentNode;
    const index = root.querySelectorAll ? [...root.querySelectorAll(this.host.localName)].indexOf(this.host) : 0;
    this.#key = shareKey(this.host.id, this.host.localName, Math.max(0, index));
    // Taken once, before any link is applied: a link carries only what differs from this.
    if (!this.#active) this.#baseline = this.#current();
    this.#active = true;
    this.#restore();
    window.addEventListener('hashchange', this.#onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#flush();
  }

  hostUpdated(): void {
    if (!this.#active || this.#timer !== undefined) return;
    if (this.#target() === this.#hash()) return;
    this.#timer = setTimeout(() => this.#flush(), SHARE_DEBOUNCE_MS);
  }

  /** Writes the state now (rather than after the debounce); called on disconnect. */
  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#active) return;
    const target = this.#target();
    if (target === this.#hash()) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${target}`);
  }

  #hash(): string {
    return location.hash === '#' ? '' : location.hash;
  }

  #current(): SharedFields {
    return new Map(this.fields.map((field) => [field.name, field.get()]));
  }

  #target(): string {
    return writeSharedFields(this.#hash(), this.#key, changedFields(this.#current(), this.#baseline));
  }

  /** Applies the link's fields (fields it lacks go back to the author's values). */
  #restore(): void {
    const linked = readSharedFields(this.#hash(), this.#key);
    const problems: { field: string; text: string; cause?: unknown }[] = [];
    for (const name of linked.keys()) {
      if (!this.fields.some((field) => field.name === name)) {
        problems.push({ field: name, text: `the page address (after #) sets "${name}", which this figure does not have; it was ignored` });
      }
    }
    for (const field of this.fields) {
      const raw = linked.get(field.name) ?? this.#baseline.get(field.name) ?? '';
      if (raw === field.get()) continue;
      try {
        field.check?.(raw);
        field.set(raw);
      } catch (error) {
        const why = reason(error, field.name);
        problems.push({ field: field.name, text: `the page address (after #) sets it to ${JSON.stringify(raw)}, which cannot be used (${why}); the figure keeps ${JSON.stringify(field.get())}`, cause: error });
      }
    }
    const first = problems[0];
    // One message naming every problem, the first one's field as the error's.
    const error = first && new InvalidOptionError(first.field, [first.text, ...problems.slice(1).map((p) => `${p.field}: ${p.text}`)].join('; '), { cause: first.cause });
    if (error) void this.host.updateComplete.then(() => this.onError(error));
  }
}

/** The fields of a single run: `prompt`, `seed`, `guidance`, `steps`, `scheduler`, each checked like its attribute. */
export function runShareFields(host: { prompt: string; seed: string; guidance: string; steps: string; scheduler: string }): ShareField[] {
  return [
    attributeField(host, 'prompt'),
    attributeField(host, 'seed', parseSeedAttribute),
    attributeField(host, 'guidance', parseGuidanceAttribute),
    attributeField(host, 'steps', parseStepsAttribute),
    attributeField(host, 'scheduler', parseSchedulerAttribute),
  ];
}
