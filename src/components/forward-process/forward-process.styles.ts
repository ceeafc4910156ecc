import { css } from 'lit';

/** Layout of lx-forward-process: the drop zone, the source row, the slider and the three frames. */
export const forwardProcessStyles = css`
  .drop {
    border: 2px dashed transparent;
    border-radius: var(--_radius);
    margin: -2px;
  }
  .drop.over {
    border-color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 8%, transparent);
  }
  .source {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 0.75rem;
    align-items: end;
    margin-top: 0.5rem;
  }
  .source label {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    color: var(--_muted);
    gap: 0.15rem;
  }
  .source input[type='text'] {
    width: 7em;
  }
  .source .hint {
    align-self: center;
  }
  .frames {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 10rem));
    gap: 0.6rem;
    margin-top: 0.75rem;
  }
  .numbers {
    font-family: var(--_mono);
    font-size: 0.8em;
    overflow-wrap: anywhere;
    margin: 0.5rem 0 0;
  }
`;
