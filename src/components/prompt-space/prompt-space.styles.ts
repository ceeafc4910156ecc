import { css } from 'lit';

/** Layout of lx-prompt-space. */
export const promptSpaceStyles = css`
  .controls + .controls {
    margin-top: 0.5rem;
  }
  .controls input[name='seed'] {
    width: 7em;
  }
  .expression input {
    font-family: var(--_mono);
  }
  .expression input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .body {
    --_map-columns: minmax(0, 3fr) minmax(10rem, 1.3fr);
  }
  svg {
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
    overflow: hidden;
  }
  g.point {
    cursor: pointer;
  }
  g.labels text {
    fill: var(--_fg);
    pointer-events: none;
  }
  g.point.generated circle {
    stroke: var(--_fg);
    stroke-width: 2px;
  }
  g.point:focus {
    outline: none;
  }
  g.point:focus-visible circle {
    stroke: var(--_fg);
    stroke-width: 3px;
    r: 7px;
  }
  .note {
    font-size: 0.8em;
    color: var(--_muted);
    margin: 0.35rem 0 0;
  }
  .add {
    margin-top: 0.5rem;
  }
  .details {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    min-width: 0;
  }
  .details figure {
    max-width: 16rem;
  }
  h3 {
    font-size: 0.95em;
    margin: 0;
    overflow-wrap: anywhere;
  }
  ol {
    margin: 0.25rem 0 0;
    padding-left: 1.6em;
    font-size: 0.85em;
  }
  ol .score {
    font-family: var(--_mono);
    color: var(--_muted);
  }
`;
