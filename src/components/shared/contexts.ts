import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { DiffusionModel } from '../../pipeline/model/diffusion-model.js';

/**
 * What a composing element (lx-explainer) hands the figures inside it through `@lit/context`
 * instead of binding each child by hand: one model and one theme. A figure on its own finds no
 * provider and keeps its own attributes.
 */

/** The model every figure runs: a URL, or a loaded instance that wins over it. */
export interface SharedModel {
  readonly url: string;
  readonly instance: DiffusionModel | undefined;
}

/** Light or dark; undefined follows `prefers-color-scheme`. */
export type SharedTheme = 'light' | 'dark' | undefined;

export const modelContext = createContext<SharedModel>(Symbol('lx-model'));
export const themeContext = createContext<SharedTheme>(Symbol('lx-theme'));

type Host = ReactiveControllerHost & HTMLElement;

/** Sets `host.model` and `host.modelInstance` from the composing element's model, and keeps them in step. */
export function inheritModel(host: Host & { model: string; modelInstance: DiffusionModel | undefined }): ContextConsumer<typeof modelContext, Host> {
  return new ContextConsumer(host, {
    context: modelContext,
    subscribe: true,
    callback: (shared) => {
      host.model = shared.url;
      host.modelInstance = shared.instance;
    },
  });
}

/** Sets `host.theme` from the composing element's theme, and keeps it in step. */
export function inheritTheme(host: Host & { theme: SharedTheme }): ContextConsumer<typeof themeContext, Host> {
  return new ContextConsumer(host, { context: themeContext, subscribe: true, callback: (theme) => (host.theme = theme) });
}
