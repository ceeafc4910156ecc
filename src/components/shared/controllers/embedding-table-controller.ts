import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EmbeddingTable } from '../../../explorers/table/embedding-table.js';
import { DEFAULT_EMBEDDINGS_URL, loadEmbeddings } from '../../../explorers/table/load-asset.js';
import { emit, type ProgressDetail } from '../events.js';
import { loadProjectorTsv } from '../../../explorers/table/load-tsv.js';

/** Marks a requested TSV pair apart from asset URLs. */
const TSV_KEY = 'tsv:';

/** What an element exposes for the controller to read. */
export interface TableHost extends ReactiveControllerHost, HTMLElement {
  /** A table set by the page (shared by several elements); wins over `src`. */
  table: EmbeddingTable | undefined;
  /** URL of an `.lxemb` asset; the shipped GloVe asset when empty. */
  src: string;
  /** URL of a vectors TSV (TensorFlow Projector format); wins over `src`. */
  vectorsSrc?: string;
  /** URL of the metadata TSV labelling `vectorsSrc`'s rows. */
  metadataSrc?: string;
}

/**
 * Gives an element its embedding table: the one the page set, or the asset at `src` loaded
 * through the per-page shared loader, with `lx-progress` while downloading and `lx-ready`
 * once usable. Shared by the three embedding elements.
 */
export class EmbeddingTableController implements ReactiveController {
  /** The table in use, once ready. */
  table: EmbeddingTable | undefined;
  /** Download progress while loading. */
  progress: ProgressDetail | undefined;
  /** Why the table could not be loaded. */
  error: Error | undefined;
  #requested: EmbeddingTable | string | undefined;

  constructor(
    private readonly host: TableHost,
    private readonly onReady: (table: EmbeddingTable) => void,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const tsv = this.host.vectorsSrc ? `${TSV_KEY}${this.host.vectorsSrc}\n${this.host.metadataSrc ?? ''}` : undefined;
    const wanted = this.host.table ?? tsv ?? (this.host.src || DEFAULT_EMBEDDINGS_URL);
    if (wanted === this.#requested) return;
    this.#requested = wanted;
    if (typeof wanted !== 'string') return this.#ready(wanted);
    this.table = undefined;
    this.error = undefined;
    const loading = tsv
      ? loadProjectorTsv(this.host.vectorsSrc!, this.host.metadataSrc || undefined)
      : loadEmbeddings(wanted, ({ loaded, total }) => {
          if (this.#requested !== wanted) return;
          this.progress = { phase: 'embeddings', loaded, total, item: wanted };
          emit(this.host, 'lx-progress', this.progress);
          this.host.requestUpdate();
        });
    if (tsv) this.progress = { phase: 'embeddings', loaded: 0, total: 0, item: this.host.vectorsSrc! };
    loading.then(
      (table) => this.#requested === wanted && this.#ready(table),
      (error: Error) => {
        if (this.#requested !== wanted) return;
        this.progress = undefined;
        this.error = error;
        emit(this.host, 'lx-error', { error });
        this.host.requestUpdate();
      },
    );
  }

  #ready(table: EmbeddingTable): void {
    this.table = table;
    this.progress = undefined;
    this.error = undefined;
    emit(this.host, 'lx-ready', { table });
    this.onReady(table);
    this.host.requestUpdate();
  }
}
