import { html, type TemplateResult } from 'lit';

/** Handlers of {@link renderOwnVectors}. */
export interface OwnVectorsHandlers {
  /** Files picked (vectors TSV, optionally its metadata TSV). */
  readonly onFiles: (files: File[]) => void;
  /** A vectors URL (and an optional metadata URL) submitted. */
  readonly onUrl: (vectorsUrl: string, metadataUrl: string) => void;
}

/**
 * "Your own vectors": a file picker and a URL form for the TensorFlow Projector's TSV format,
 * shared by the embedding elements.
 */
export function renderOwnVectors(on: OwnVectorsHandlers): TemplateResult {
  const picked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.files?.length) on.onFiles([...input.files]);
  };
  const submitted = (event: Event) => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    if (value('vectorsUrl')) on.onUrl(value('vectorsUrl'), value('metadataUrl'));
  };
  return html`<details class="own-vectors" part="own-vectors">
    <summary>Your own vectors (TSV)</summary>
    <p class="hint">The TensorFlow Projector's format: one vector per line, tab-separated, and a metadata TSV whose first column labels the rows.</p>
    <label>Files <input type="file" name="tsvFiles" accept=".tsv,.txt,text/tab-separated-values" multiple @change=${picked} /></label>
    <form @submit=${submitted}>
      <label>or vectors URL <input name="vectorsUrl" type="url" /></label>
      <label>metadata URL <input name="metadataUrl" type="url" /></label>
      <button type="submit">Load</button>
    </form>
  </details>`;
}
