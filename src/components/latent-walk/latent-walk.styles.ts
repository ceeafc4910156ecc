import { css } from 'lit';

export const latentWalkStyles = css`
  .mode {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    border: none;
    padding: 0;
    margin: 0 0 0.5rem;
  }
  .ends {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: end;
    margin: 0.5rem 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .ends label {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
  }
  .ends label.grow {
    flex: 1 1 14rem;
  }
  .ends input[type='number'] {
    width: 5em;
  }
  .viewer {
    display: grid;
    grid-template-columns: minmax(8rem, 16rem) minmax(0, 1fr);
    gap: 0.75rem;
    align-items: start;
    margin: 0.5rem 0;
  }
  @media (max-width: 480px) {
    .viewer {
      grid-template-columns: 1fr;
    }
  }
  canvas.current {
    width: 100%;
    aspect-ratio: 1;
    image-rendering: pixelated;
    border-radius: calc(var(--_radius) - 3px);
    background: var(--_surface);
  }
  .scrub {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .scrub input[type='range'] {
    width: 100%;
    accent-color: var(--_accent);
    border: none;
    padding: 0;
    min-height: auto;
  }
  .scrub .buttons {
    flex-wrap: wrap;
  }
  svg.norms {
    width: 100%;
    max-width: 26rem;
    height: auto;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 3px);
    background: var(--_surface);
  }
  svg.norms .axis text,
  svg.norms .axis-label {
    fill: var(--_muted);
    font-size: 10px;
  }
  svg.norms .axis path,
  svg.norms .axis line {
    stroke: var(--_border);
  }
  .legend {
    display: flex;
    gap: 0.75rem;
    font-size: 0.8em;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .legend li::before {
    content: '';
    display: inline-block;
    width: 0.9em;
    height: 0.2em;
    vertical-align: middle;
    margin-right: 0.3em;
    background: var(--swatch);
  }
  h3 {
    font-size: 0.85em;
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  .grid-cell.selected canvas {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
`;
