import { css } from 'lit';

/** Layout of lx-similarity-matrix. */
export const similarityMatrixStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  form label {
    flex: 1 1 16rem;
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    color: var(--_muted);
  }
  svg {
    width: 100%;
    height: auto;
    display: block;
    margin-top: 0.75rem;
  }
  svg text {
    font-size: 11px;
  }
  /* Cell values take their colour from their cell (set by the renderer), not from the theme. */
  svg text:not(.value) {
    fill: var(--_fg);
  }
  svg text.row {
    text-anchor: end;
  }
  svg text.value {
    text-anchor: middle;
    font-size: 9px;
    pointer-events: none;
  }
  .legend {
    font-size: 0.8em;
    color: var(--_muted);
  }
`;
