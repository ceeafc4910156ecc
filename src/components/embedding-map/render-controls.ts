import { html, nothing, type TemplateResult } from 'lit';
import { WORD_SETS } from '../../explorers/word-sets.js';
import type { MapLayout } from '../shared/map/map-layout.js';

/** What the map's control bar shows (the element's raw attribute strings and state). */
export interface MapControlsState {
  readonly preset: string;
  readonly words: string;
  readonly projection: string;
  readonly axes: { readonly xFrom: string; readonly xTo: string; readonly yFrom: string; readonly yTo: string };
  readonly nNeighbors: string;
  readonly minDist: string;
  readonly layout: MapLayout | undefined;
  /** Rows in the table, for the search box's promise; undefined while loading. */
  readonly vocabulary: number | undefined;
  /** Whether a UMAP fit is running (the knobs' score is then the previous layout's). */
  readonly fitting: boolean;
}

/** Handlers of the control bar. */
export interface MapControlsHandlers {
  /** A control named after a property changed (fires on `change`, and on `input` for sliders). */
  readonly onControl: (event: Event) => void;
  readonly onSearch: (event: Event) => void;
}

/** The map's control bar: word set, projection (with UMAP's knobs and their score), axes, search. */
export function renderMapControls(state: MapControlsState, on: MapControlsHandlers): TemplateResult {
  const { layout } = state;
  return html`
    <form class="controls" part="controls" @change=${on.onControl} @submit=${on.onSearch}>
      <label>Words
        <select name="preset" .value=${state.preset}>
          ${WORD_SETS.map((set) => html`<option value=${set.id} ?selected=${set.id === state.preset}>${set.label}</option>`)}
          <option value="first-rows" ?selected=${state.preset === 'first-rows'}>The table's first rows</option>
          <option value="custom" ?selected=${state.preset === 'custom'}>My words</option>
        </select>
      </label>
      ${state.preset === 'custom' ? html`<label class="grow">My words <input name="words" .value=${state.words} spellcheck="false" /></label>` : nothing}
      <label>Projection
        <select name="projection" .value=${state.projection}>
          <option value="pca">PCA (linear, exact)</option>
          <option value="axes">Custom axes</option>
          <option value="umap">UMAP (non-linear)</option>
        </select>
      </label>
      ${state.projection === 'axes'
        ? html`<span class="axes">
            <label>x from <input name="xFrom" .value=${state.axes.xFrom} /></label><label>x to <input name="xTo" .value=${state.axes.xTo} /></label>
            <label>y from <input name="yFrom" .value=${state.axes.yFrom} /></label><label>y to <input name="yTo" .value=${state.axes.yTo} /></label>
          </span>`
        : nothing}
      ${state.projection === 'umap' ? renderUmapKnobs(state, on) : nothing}
      <label>Find a word <input type="search" name="search" list="map-words" autocomplete="off"
        placeholder=${state.vocabulary ? `any of ${state.vocabulary.toLocaleString('en')}` : ''} /></label>
      <datalist id="map-words">${layout?.words.map((word) => html`<option value=${word}></option>`)}</datalist>
    </form>
  `;
}

/** n-neighbors and min-dist as sliders that re-fit live, with the score they trade beside them. */
function renderUmapKnobs(state: MapControlsState, on: MapControlsHandlers): TemplateResult {
  const score = state.layout?.projection === 'umap' ? state.layout.preservation : undefined;
  return html`<span class="umap-knobs" part="umap-knobs">
    <label>Neighbours <input type="range" name="nNeighbors" min="2" max="50" step="1" .value=${state.nNeighbors} @input=${on.onControl} />
      <output>${state.nNeighbors}</output></label>
    <label>Min distance <input type="range" name="minDist" min="0.01" max="1" step="0.01" .value=${state.minDist} @input=${on.onControl} />
      <output>${state.minDist}</output></label>
    <output class="score" part="umap-score" aria-live="polite" title="Share of each word's nearest neighbours that stay its nearest on the map"
      >${score ? `${Math.round(100 * score.mean)}% of ${score.k}-NN kept${state.fitting ? ' (re-fitting…)' : ''}` : 'fitting…'}</output>
  </span>`;
}
