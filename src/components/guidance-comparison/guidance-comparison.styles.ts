import { css } from 'lit';

export const guidanceComparisonStyles = css`
  .both {
    margin-top: 0.75rem;
    border-top: 1px solid var(--_border);
    padding-top: 0.5rem;
  }
  .both-controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .both-controls input[type='range'] {
    accent-color: var(--_accent);
    border: none;
    padding: 0;
    min-height: auto;
  }
  .predictions {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 0.5rem;
    margin-top: 0.5rem;
    max-width: 40rem;
  }
  .toggle {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
    margin-top: 0.5rem;
  }
  .toggle input {
    min-height: auto;
  }
`;
