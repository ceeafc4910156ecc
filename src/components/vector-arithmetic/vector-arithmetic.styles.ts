import { css } from 'lit';

/** Layout of lx-vector-arithmetic: form on top, answers and plot side by side when there is room. */
export const vectorArithmeticStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
  }
  form label.grow {
    flex: 1 1 16rem;
  }
  form input[type='text'] {
    width: 100%;
    font-family: var(--_mono);
  }
  .body {
    --_map-columns: minmax(10rem, 1fr) minmax(0, 2fr);
    margin-top: 0.75rem;
  }
  ol {
    margin: 0;
    padding-left: 1.6em;
  }
  ol li {
    display: flex;
    justify-content: space-between;
    gap: 0.75rem;
    padding: 0.1rem 0;
  }
  ol li .score {
    font-family: var(--_mono);
    color: var(--_muted);
  }
  ol li:first-child .word {
    font-weight: 600;
  }
  svg {
    width: 100%;
    height: auto;
    background: var(--_surface);
    border-radius: calc(var(--_radius) - 2px);
  }
  svg line.step {
    stroke: var(--_accent);
    stroke-width: 2;
  }
  svg .arrow-head {
    fill: var(--_accent);
  }
  svg g.point circle {
    fill: var(--_muted);
  }
  svg g.point.answer circle {
    fill: var(--lx-color-answer, #2f9e44);
  }
  svg g.point.result circle {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  svg text {
    fill: var(--_fg);
    font-size: 12px;
  }
  figcaption,
  .terms {
    font-size: 0.8em;
    color: var(--_muted);
  }
`;
