import { css } from 'lit';

/** Layout of lx-attention-map: the word buttons, the step slider and the two maps. */
export const attentionMapStyles = css`
  .words {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: 0.75rem 0 0.5rem;
  }
  .word {
    font: inherit;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.05rem;
    padding: 0.25rem 0.55rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  .word.special {
    border-style: dashed;
    color: var(--_muted);
  }
  .word[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  .word:focus-visible {
    outline: none;
    box-shadow: var(--_focus);
  }
  .word .share {
    font-family: var(--_mono);
    font-size: 0.72em;
    opacity: 0.85;
  }
  .special-toggle {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    margin-top: 0.5rem;
  }
  .maps {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 14rem));
    gap: 0.75rem;
    margin-top: 0.5rem;
  }
  .maps figure {
    margin: 0;
  }
  .maps canvas {
    width: 100%;
    aspect-ratio: 1;
    display: block;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .maps figcaption {
    font-size: 0.85em;
    color: var(--_muted);
    margin-top: 0.25rem;
  }
  .note {
    margin: 0.75rem 0 0;
  }
`;
