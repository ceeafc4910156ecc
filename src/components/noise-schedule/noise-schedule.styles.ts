import { css } from 'lit';

export const noiseScheduleStyles = css`
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr));
    gap: 0.75rem;
    margin-top: 0.75rem;
  }
  .readout {
    font-family: var(--_mono);
    font-size: 0.85em;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .legend span::before {
    content: '';
    display: inline-block;
    width: 0.9em;
    height: 0.2em;
    margin-right: 0.3em;
    vertical-align: middle;
    background: var(--swatch);
  }
  .plan {
    font-family: var(--_mono);
    font-size: 0.8em;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  lx-forward-process {
    /* A section of this figure, not a second card. */
    border: none;
    border-top: 1px solid var(--_border);
    border-radius: 0;
    padding: 0.75rem 0 0;
    margin-top: 0.75rem;
    background: transparent;
  }
`;
