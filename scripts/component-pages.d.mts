/** The element lists, in the order the index and the element list show them. */
export const PAGE_GROUPS: readonly string[];
/** Where sources, templates and screenshots live, and where the rendered pages go. */
export interface ComponentPagePaths {
  sources: string;
  templates: string;
  screenshots: string;
  out: string;
}
export const COMPONENT_PAGE_PATHS: ComponentPagePaths;
/** One element page's source, parsed. */
export interface ElementPage {
  readonly file: string;
  readonly tag: string;
  readonly group: string;
  readonly order: number;
  readonly card: string;
  readonly lede: string;
  readonly exampleNote: string;
  readonly example: string;
  readonly extra: string;
}
/** A light/dark screenshot pair with the PNGs' sizes. */
export interface ScreenshotPair {
  readonly light: { readonly file: string; readonly width: number; readonly height: number };
  readonly dark: { readonly file: string; readonly width: number; readonly height: number };
}
/** The shared templates' text. */
export interface PageTemplates {
  readonly page: string;
  readonly component: string;
}
/** A component page source that does not follow the format; names the file and the field. */
export class ComponentPageError extends Error {
  readonly code: 'component-page';
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, message: string);
}
/** Replaces every `{{name}}` in `template` with `values[name]`; a missing value is an error. */
export function fillTemplate(template: string, values: Record<string, string>, templateName: string): string;
/** Parses an element page source (`file` is its name, `<tag>.html`) into its parts. */
export function parseElementPage(file: string, text: string): ElementPage;
/** Pages sorted as the lists show them: by group, then `order`, then tag. */
export function sortPages(pages: readonly ElementPage[]): ElementPage[];
/** Width and height of a PNG, from its IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined;
/** The light and dark screenshots of `tag` in `dir`, or undefined unless both are there (a lone one is reported through `warn`). */
export function findScreenshots(dir: string, tag: string, warn?: (message: string) => void): ScreenshotPair | undefined;
/** A `<picture>` showing the light or the dark screenshot, following the reader's colour scheme. */
export function screenshotPicture(tag: string, shots: ScreenshotPair, options: { lazy: boolean }): string;
/** The list of every element page, grouped; `current` is marked as the page being read. */
export function elementNav(pages: readonly ElementPage[], current?: string): string;
/** The index's gallery: one card list per group, each card with its element's screenshot. */
export function elementGallery(pages: readonly ElementPage[], screenshots: ReadonlyMap<string, ScreenshotPair>): string;
/** One element page, whole. */
export function renderElementPage(page: ElementPage, pages: readonly ElementPage[], screenshots: ReadonlyMap<string, ScreenshotPair>, templates: PageTemplates): string;
/** The components index with its gallery. */
export function renderIndexPage(text: string, pages: readonly ElementPage[], screenshots: ReadonlyMap<string, ScreenshotPair>, templates: PageTemplates): string;
/** Renders every page of `paths.sources` into `paths.out` (emptied first); returns the element pages, sorted. */
export function renderComponentPages(paths?: ComponentPagePaths): ElementPage[];
/** Removes the indentation the page source gives its example. */
export function dedent(text: string): string;
/** The example's source as the author wrote it, as a `pre.copy-block` (escaped HTML). */
export function exampleCode(example: string): string;
