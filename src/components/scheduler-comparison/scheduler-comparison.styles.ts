import { css } from 'lit';

export const schedulerComparisonStyles = css`
  .columns-field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    margin: 0.25rem 0 0.5rem;
  }
  .columns-field input {
    width: 100%;
    box-sizing: border-box;
  }
  .charts {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr);
    gap: 0.75rem;
    align-items: start;
    margin-top: 0.75rem;
  }
  @media (max-width: 640px) {
    .charts {
      grid-template-columns: 1fr;
    }
  }
  svg.sigma {
    width: 100%;
    height: auto;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 3px);
    background: var(--_surface);
  }
  svg.sigma .axis text,
  svg.sigma .axis-label {
    fill: var(--_muted);
    font-size: 10px;
  }
  svg.sigma .axis path,
  svg.sigma .axis line {
    stroke: var(--_border);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    font-size: 0.8em;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  .legend li::before {
    content: '';
    display: inline-block;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    margin-right: 0.3em;
    background: var(--swatch);
  }
  h3 {
    font-size: 0.9em;
    margin: 0 0 0.25rem;
  }
`;
