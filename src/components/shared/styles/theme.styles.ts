import { css } from 'lit';

/**
 * Design tokens shared by every element. Each is a CSS custom property with a fallback, so
 * authors theme all widgets at once from `:root` (or one widget from its own selector).
 * Dark mode follows `prefers-color-scheme` unless the element has `theme="light|dark"`.
 */
export const themeStyles = css`
  :host {
    --_bg: var(--lx-color-background, #ffffff);
    --_fg: var(--lx-color-text, #1b1d21);
    --_muted: var(--lx-color-muted, #5d6470);
    --_surface: var(--lx-color-surface, #f3f4f7);
    --_border: var(--lx-color-border, #d5d8de);
    --_accent: var(--lx-color-accent, #3b5bdb);
    --_accent-fg: var(--lx-color-accent-text, #ffffff);
    --_danger: var(--lx-color-danger, #c92a2a);
    --_focus: var(--lx-focus-ring, 0 0 0 3px color-mix(in srgb, var(--_accent) 45%, transparent));
    --_radius: var(--lx-radius, 8px);
    --_font: var(--lx-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--lx-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--lx-font-size, 15px);
    line-height: 1.45;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--lx-color-background, #16181d);
      --_fg: var(--lx-color-text, #e8eaef);
      --_muted: var(--lx-color-muted, #9aa1ad);
      --_surface: var(--lx-color-surface, #22252c);
      --_border: var(--lx-color-border, #3a3f4a);
      --_accent: var(--lx-color-accent, #7d9bff);
      --_accent-fg: var(--lx-color-accent-text, #0c1020);
      --_danger: var(--lx-color-danger, #ff8787);
    }
  }
  :host([theme='dark']) {
    --_bg: var(--lx-color-background, #16181d);
    --_fg: var(--lx-color-text, #e8eaef);
    --_muted: var(--lx-color-muted, #9aa1ad);
    --_surface: var(--lx-color-surface, #22252c);
    --_border: var(--lx-color-border, #3a3f4a);
    --_accent: var(--lx-color-accent, #7d9bff);
    --_accent-fg: var(--lx-color-accent-text, #0c1020);
    --_danger: var(--lx-color-danger, #ff8787);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    padding: 0.35em 0.8em;
    min-height: 2.2em;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  input,
  select,
  textarea {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.3em 0.5em;
    min-height: 2.2em;
  }
  .lx-error {
    color: var(--_danger);
    border: 1px solid currentColor;
    border-radius: calc(var(--_radius) - 2px);
    padding: 0.5em 0.75em;
    margin: 0.5em 0;
  }
  .lx-visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
