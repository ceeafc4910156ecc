import { css } from 'lit';

export const denoisingPlayerStyles = css`
  .scrubber {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.75rem 0 0.5rem;
  }
  .scrubber input[type='range'] {
    flex: 1 1 10rem;
    accent-color: var(--_accent);
    min-height: auto;
    border: none;
    padding: 0;
  }
  .scrubber output {
    font-family: var(--_mono);
    font-size: 0.85em;
    min-width: 11ch;
    text-align: end;
  }
  /* On narrow pages the save buttons wrap onto their own line under the slider. */
  .save-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .panels {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(9rem, 100%), 1fr));
    gap: 0.75rem;
  }
  /* The decoded picture's frame holds its note over the empty canvas, inside the same box. */
  .cell-frame {
    position: relative;
  }
  .cell-note {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    padding: 0.25rem;
    text-align: center;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .cell-note[hidden] {
    display: none;
  }
  .vocabulary-note {
    margin: 0.5rem 0 0;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .confirm-download {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.5rem 0;
  }
  .confirm-download .model-url {
    font-family: var(--_mono);
    word-break: break-all;
  }
  .channels {
    display: grid;
    grid-template-columns: repeat(2, 1fr);
    gap: 0.25rem;
  }
  /* A small chart at any page width: it is drawn in CSS pixels at its laid-out width (see
     drawStepChart), so capping the width keeps it small without scaling its text. */
  figure.chart {
    margin-top: 0.75rem;
    max-width: min(100%, 26rem);
  }
  /* Fixed, so that drawing never resizes it (and re-triggers its ResizeObserver). */
  svg.chart {
    height: 140px;
  }
  .legend {
    display: flex;
    gap: 1rem;
    font-size: 0.8em;
    color: var(--_muted);
  }
  .legend span:not(.scale-note)::before {
    content: '';
    display: inline-block;
    width: 0.9em;
    height: 0.2em;
    margin-right: 0.3em;
    vertical-align: middle;
    background: var(--swatch);
  }
  .attention-layer figure {
    margin: 0.5rem 0 0;
    max-width: 14rem;
  }
  .attention-layer canvas {
    width: 100%;
    aspect-ratio: 1;
    display: block;
  }
`;
