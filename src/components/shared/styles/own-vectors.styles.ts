import { css } from 'lit';

/** The "your own vectors" file picker (render/own-vectors.ts) of lx-embedding-map and lx-similarity-matrix. */
export const ownVectorsStyles = css`
  .own-vectors {
    font-size: 0.85em;
    margin: 0.35rem 0;
  }
  .own-vectors .hint {
    color: var(--_muted);
    margin: 0.25rem 0;
  }
  .own-vectors label {
    margin-right: 0.5rem;
  }
`;
