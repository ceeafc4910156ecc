import { css } from 'lit';

/** A labelled full-width range slider in a `.slider` block (the timestep sliders of the schedule and the forward process). */
export const sliderStyles = css`
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
`;
