import { css } from 'lit';

/**
 * One column of boxes with ↓ arrows on a phone; on a wider element each stage (the words and
 * the static, the loop, the picture) is a row of boxes joined by →, the stages joined by ↓. Each box is one link or button: its
 * ::after covers the whole box, so a click anywhere on it chooses it.
 */
export const pipelineMapStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .map-controls {
    flex-wrap: wrap;
    margin-bottom: 0.5rem;
  }
  .map {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.4rem;
    align-items: start;
  }
  .flow-arrow::before {
    content: '↓';
    display: block;
    text-align: center;
    color: var(--_accent);
    font-size: 1.4em;
    line-height: 1;
  }
  .stage {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 1.3em;
  }
  .part {
    position: relative;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
    padding: 0.45em 0.6em;
    min-width: 0;
  }
  /* The arrow from one box to the next sits in the gap above it. */
  .stage > .part + .part::before {
    content: '↓';
    position: absolute;
    top: -1.25em;
    left: 50%;
    transform: translateX(-50%);
    color: var(--_accent);
    line-height: 1.2;
  }
  /* The seed is not made from the words: it joins them at the loop. */
  .stage > .part-seed::before {
    content: '+' !important;
  }
  @container (min-width: 540px) {
    .stage {
      grid-auto-flow: column;
      grid-auto-columns: minmax(0, 1fr);
      gap: 1.4em;
    }
    .stage > .part + .part::before {
      content: '→';
      top: 50%;
      left: -0.7em;
      transform: translate(-50%, -50%);
    }
    .stage.after {
      grid-auto-columns: minmax(0, 22em);
      justify-content: center;
    }
  }
  .part:hover {
    border-color: var(--_accent);
  }
  .part:focus-within {
    border-color: var(--_accent);
  }
  h3 {
    margin: 0;
    font-size: 1em;
  }
  .open {
    all: unset;
    cursor: pointer;
    font-weight: 650;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .part .open::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  /* 'all: unset' above also unsets the theme's focus ring: it is put back here. */
  .open:focus-visible {
    box-shadow: var(--_focus);
    border-radius: 3px;
  }
  .plain {
    margin: 0.2em 0;
    font-size: 0.85em;
    line-height: 1.35;
  }
  .pictures {
    display: flex;
    gap: 0.4em;
    margin: 0.3em 0;
  }
  .pictures figure {
    flex: 0 1 5.5em;
    align-items: center;
  }
  .part-text-encoder .pictures figure,
  .part-decoder .pictures figure {
    flex-basis: 100%;
  }
  .part-decoder .pictures figure {
    max-width: 12em;
  }
  /* 16 tokens × 128 numbers: stretched to a readable height (a heatmap, not a photograph). */
  canvas.picture-embeddings {
    aspect-ratio: 3;
  }
  .tensor {
    margin: 0.15em 0 0;
    font-size: 0.8em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .shape {
    font-family: var(--_mono);
    color: var(--_fg);
    font-weight: 600;
  }
  .loop {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: 0.5em 0.6em 0.4em;
    min-width: 0;
  }
  .loop-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.25em 1em;
  }
  .loop-head .open {
    font-size: 1.05em;
  }
  .counter {
    font-family: var(--_mono);
    font-weight: 700;
    font-size: 1.1em;
    color: var(--_accent);
  }
  .steps-meter {
    width: 100%;
    height: 0.5em;
    accent-color: var(--_accent);
    margin: 0.1em 0 0.9em;
  }
  .loop-back {
    margin: 0.4em 0 0;
    font-size: 0.85em;
    color: var(--_accent);
    text-align: center;
  }
  .status {
    margin-top: 0.6em;
  }
  .nerd-zone {
    margin-top: 0.75em;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_accent);
    border-radius: 0 calc(var(--_radius) - 2px) calc(var(--_radius) - 2px) 0;
    background: var(--_surface);
  }
  .nerd-zone > summary {
    cursor: pointer;
    padding: 0.4em 0.75em;
    font-weight: 600;
  }
  .nerd-zone-badge {
    display: inline-block;
    margin-right: 0.4em;
    padding: 0 0.45em;
    border-radius: 4px;
    background: var(--_accent);
    color: var(--_accent-fg);
    font-size: 0.78em;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  .nerd-zone-body {
    padding: 0 0.75em 0.5em;
    font-size: 0.9em;
  }
  .formulas li {
    margin: 0.3em 0;
  }
`;
