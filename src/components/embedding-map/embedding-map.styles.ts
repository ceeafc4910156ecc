import { css } from 'lit';

/** Layout of lx-embedding-map. */
export const embeddingMapStyles = css`
  .controls input[type='search'] {
    width: 10em;
  }
  .axes,
  .umap-knobs {
    display: contents;
  }
  .umap-knobs input[type='range'] {
    width: 6em;
    vertical-align: middle;
  }
  .umap-knobs output {
    font-family: var(--_mono);
    font-size: 0.85em;
  }
  .umap-knobs .score {
    align-self: center;
    color: var(--_muted);
  }
  .axes input {
    width: 7em;
    font-family: var(--_mono);
  }
  .body {
    --_map-columns: minmax(0, 3fr) minmax(9rem, 1fr);
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
    touch-action: none;
    cursor: grab;
    overflow: hidden;
  }
  g.point text {
    fill: var(--_fg);
    pointer-events: none;
  }
  /* A label that found no free spot shows while its point is hovered or focused. */
  g.point.unlabelled text {
    display: none;
  }
  g.point.unlabelled:is(:hover, :focus-visible) text {
    display: inline;
    paint-order: stroke;
    stroke: var(--_surface);
    stroke-width: 3px;
  }
  g.point.selected circle {
    r: 6px;
  }
  g.overlay circle.result.approximate {
    stroke-dasharray: 3 3;
  }
  g.point:focus-visible {
    outline: none;
  }
  g.point:focus-visible circle {
    stroke: var(--_fg);
    stroke-width: 3px;
  }
  .distortion,
  .note {
    font-size: 0.8em;
    color: var(--_muted);
    margin: 0.35rem 0 0;
  }
  ol {
    margin: 0.25rem 0 0;
    padding-left: 1.6em;
    font-size: 0.9em;
  }
  ol .score {
    font-family: var(--_mono);
    color: var(--_muted);
  }
  h3 {
    font-size: 0.95em;
    margin: 0;
  }
`;
