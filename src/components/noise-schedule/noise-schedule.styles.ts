import { css } from 'lit';

export const noiseScheduleStyles = css`
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(16rem, 100%), 1fr));
    gap: 0.75rem;
    margin-top: 0.75rem;
  }
  .slider {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    margin-top: 0.75rem;
  }
  .slider input[type='range'] {
    width: 100%;
    accent-color: var(--_accent);
    border: none;
    padding: 0;
    min-height: auto;
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
  .forward {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(8rem, 100%), 12rem));
    gap: 0.75rem;
    margin-top: 0.75rem;
    align-items: start;
  }
  .drop {
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }
  .drop.over {
    border-color: var(--_accent);
  }
`;
