import { css } from 'lit';

/** How map points show their state (plain, neighbour of the selection, selected); lx-embedding-map and lx-prompt-space. */
export const mapPointStyles = css`
  g.point circle {
    fill: var(--lx-color-point, var(--_accent));
    opacity: 0.75;
  }
  g.point.neighbour circle {
    fill: var(--lx-color-neighbour, #2f9e44);
    opacity: 1;
  }
  g.point.selected circle {
    fill: var(--_danger);
    opacity: 1;
  }
`;

/**
 * The body of a map element: the map beside its side panel, one above the other on a phone.
 * Each element gives its two columns in `--_map-columns` (set on `.body`), so the narrow-screen
 * rule here still wins over them.
 */
export const mapBodyStyles = css`
  .body {
    display: grid;
    grid-template-columns: var(--_map-columns);
    gap: 0.75rem;
    margin-top: 0.5rem;
  }
  @media (max-width: 560px) {
    .body {
      grid-template-columns: 1fr;
    }
  }
`;

/** An arithmetic result drawn over a map (see render-overlay.ts): an arrow per term, a ring at the result. */
export const mapOverlayStyles = css`
  g.overlay line.step {
    stroke: var(--_accent);
    stroke-width: 2;
  }
  marker path {
    fill: var(--_accent);
  }
  g.overlay circle.result {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2.5;
  }
`;
