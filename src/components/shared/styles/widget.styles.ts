import { css } from 'lit';

/** Layout pieces shared by the explainer elements (include after `themeStyles`). */
export const widgetStyles = css`
  :host {
    padding: var(--lx-padding, 0.75rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: 100%;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: end;
  }
  .controls label {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    color: var(--_muted);
    gap: 0.15rem;
    min-width: 0;
  }
  .controls label.grow {
    flex: 1 1 14rem;
  }
  .controls input[type='number'] {
    width: 6.5em;
  }
  .buttons {
    display: flex;
    gap: 0.5rem;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .progress progress {
    flex: 1 1 auto;
    accent-color: var(--_accent);
    height: 0.6rem;
  }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  figcaption {
    font-size: 0.8em;
    color: var(--_muted);
  }
  canvas.cell {
    width: 100%;
    aspect-ratio: 1;
    image-rendering: pixelated;
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 4px);
    display: block;
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
    overflow: visible;
  }
  svg .axis {
    /* d3's axes set font-family="sans-serif", which is the machine's font, not the widget's. */
    font-family: inherit;
  }
  svg .axis text,
  svg .axis-label,
  svg .marker text {
    fill: var(--_muted);
    font-size: 10px;
  }
  svg .axis path,
  svg .axis line {
    stroke: var(--_border);
  }
  svg .marker line {
    stroke: var(--_fg);
    stroke-dasharray: 3 3;
  }
  .hint {
    font-size: 0.85em;
    color: var(--_muted);
    margin: 0.25rem 0;
  }
`;

/** The comparison grid of guidance and seed comparisons. */
export const gridStyles = css`
  .save-row {
    display: flex;
    justify-content: flex-end;
    margin-top: 0.5rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(8.5rem, 45%), 1fr));
    gap: 0.6rem;
    margin-top: 0.75rem;
  }
  .grid-cell figcaption {
    display: flex;
    justify-content: space-between;
    gap: 0.3rem;
    flex-wrap: wrap;
  }
  .grid-cell strong {
    color: var(--_fg);
    font-weight: 600;
  }
`;
