import { css } from 'lit';

/** Layout of the playground: the plane beside its charts, stacking on narrow screens. */
export const playgroundStyles = css`
  :host {
    --lx-playground-data: var(--_muted);
    --lx-playground-data-opacity: 0.6;
    --lx-playground-data-faded-opacity: 0.3;
    --lx-playground-samples: var(--_accent);
    --lx-playground-field: color-mix(in srgb, var(--_fg) 55%, transparent);
  }
  /* On the dark surface the muted grey at 30 % all but vanished (contrast about 1.6:1): dark
     mode draws the data in the text colour, more opaque (about 4:1 faded, 8:1 alone). */
  :host([theme='dark']) {
    --lx-playground-data: var(--_fg);
    --lx-playground-data-opacity: 0.75;
    --lx-playground-data-faded-opacity: 0.45;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --lx-playground-data: var(--_fg);
      --lx-playground-data-opacity: 0.75;
      --lx-playground-data-faded-opacity: 0.45;
    }
  }
  .controls label.check {
    flex-direction: row;
    align-items: center;
    gap: 0.35rem;
    min-height: 2.2em;
  }
  .buttons {
    flex-wrap: wrap;
  }
  .stage {
    display: grid;
    grid-template-columns: minmax(0, 1.6fr) minmax(0, 1fr);
    gap: 0.75rem;
    margin-top: 0.75rem;
  }
  .stage-canvas {
    min-width: 0;
  }
  canvas {
    display: block;
    width: 100%;
    aspect-ratio: 1 / 1;
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 4px);
    touch-action: none;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    min-width: 0;
  }
  .sliders {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
    margin-top: 0.75rem;
  }
  .sliders label {
    display: flex;
    flex-direction: column;
    flex: 1 1 12rem;
    font-size: 0.85em;
    color: var(--_muted);
    gap: 0.15rem;
  }
  .sliders input[type='range'] {
    accent-color: var(--_accent);
    width: 100%;
  }
  .status {
    font-size: 0.85em;
    color: var(--_muted);
    margin: 0.5rem 0 0;
    font-variant-numeric: tabular-nums;
  }
  @media (max-width: 640px) {
    .stage {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
