import { css } from 'lit';

export const promptTokensStyles = css`
  /* Row gap only: the space between chips is a margin, so the pieces of one word can touch. */
  .tokens {
    display: flex;
    flex-wrap: wrap;
    row-gap: 0.35rem;
    margin: 0.75rem 0 0.5rem;
    padding: 0;
    list-style: none;
  }
  .token {
    position: relative;
    margin-inline-end: 0.35rem;
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 3px);
    padding: 0.15rem 0.45rem;
    background: var(--_surface);
    font-family: var(--_mono);
    font-size: 0.85em;
  }
  .token small {
    color: var(--_muted);
    font-size: 0.75em;
  }
  .token.mapped {
    border-color: var(--_accent);
  }
  .token.unknown {
    border-color: var(--_danger);
  }
  .token.marker {
    border-style: dashed;
  }
  /* A byte-pair piece the next token continues: joined to it, so a word reads as one block. */
  .token.continues {
    margin-inline-end: 0;
    border-inline-end-style: dotted;
    border-start-end-radius: 0;
    border-end-end-radius: 0;
  }
  .token.continues + .token {
    border-inline-start: none;
    border-start-start-radius: 0;
    border-end-start-radius: 0;
  }
  .padding {
    font-size: 0.85em;
    color: var(--_muted);
    margin: 0.25rem 0;
  }
  .notes {
    font-size: 0.85em;
    margin: 0.25rem 0;
    padding-left: 1.2em;
  }
  .embedding {
    display: grid;
    grid-template-columns: max-content 1fr;
    column-gap: 0.5rem;
    align-items: stretch;
    margin-top: 0.5rem;
  }
  .row-labels {
    display: grid;
    font-family: var(--_mono);
    font-size: 0.7em;
    color: var(--_muted);
    text-align: end;
  }
  .row-labels span {
    display: flex;
    align-items: center;
    justify-content: end;
    line-height: 1;
  }
  canvas.embedding-map {
    width: 100%;
    height: 100%;
    image-rendering: pixelated;
    display: block;
    border-radius: 3px;
  }
`;
