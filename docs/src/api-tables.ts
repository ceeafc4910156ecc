/**
 * API tables for a component page, built from custom-elements.json (the analyzer's output from
 * the elements' class JSDoc), never written by hand: attributes, properties, methods, events,
 * CSS parts and CSS custom properties.
 */

/** The parts of the custom-elements manifest schema the tables read. */
export interface ManifestEntry {
  readonly name: string;
  readonly description?: string;
  readonly summary?: string;
  readonly type?: { readonly text: string };
  readonly default?: string;
}
export interface ManifestMember extends ManifestEntry {
  readonly kind: 'field' | 'method';
  readonly privacy?: 'public' | 'private' | 'protected';
  readonly static?: boolean;
  readonly readonly?: boolean;
  readonly attribute?: string;
  readonly parameters?: readonly ManifestEntry[];
  readonly return?: { readonly type?: { readonly text: string } };
}
export interface ElementDeclaration extends ManifestEntry {
  readonly kind: string;
  readonly customElement?: boolean;
  readonly tagName?: string;
  readonly attributes?: readonly (ManifestEntry & { readonly fieldName?: string })[];
  readonly members?: readonly ManifestMember[];
  readonly events?: readonly ManifestEntry[];
  readonly cssParts?: readonly ManifestEntry[];
  readonly cssProperties?: readonly ManifestEntry[];
}
export interface Manifest {
  readonly modules: readonly {
    readonly path: string;
    readonly declarations?: readonly ElementDeclaration[];
    readonly exports?: readonly { readonly kind: string; readonly name: string; readonly declaration?: { readonly name: string } }[];
  }[];
}

/**
 * Every custom element in the manifest with its tag, declared or registered. Classes the analyzer
 * marks as elements only because they extend LitElement (shared bases such as `ComparisonElement`)
 * have neither and are left out.
 */
export function elementsOf(manifest: Manifest): Map<string, ElementDeclaration> {
  const registered = new Map<string, string>();
  for (const module of manifest.modules) {
    for (const exported of module.exports ?? []) {
      if (exported.kind === 'custom-element-definition' && exported.declaration) registered.set(exported.declaration.name, exported.name);
    }
  }
  const elements = new Map<string, ElementDeclaration>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement) continue;
      const tag = declaration.tagName ?? registered.get(declaration.name);
      if (tag) elements.set(tag, declaration);
    }
  }
  return elements;
}

/** Public instance members of one kind (no `#private`, `_internal`, protected or static ones). */
export function publicMembers(declaration: ElementDeclaration, kind: 'field' | 'method'): ManifestMember[] {
  return (declaration.members ?? []).filter(
    (member) => member.kind === kind && !member.static && (member.privacy ?? 'public') === 'public' && !/^[#_]/.test(member.name),
  );
}

/** Text with `backticked` spans as <code>, as DOM nodes. */
export function richText(text: string | undefined): Node {
  const fragment = document.createDocumentFragment();
  (text ?? '').split('`').forEach((piece, index) => {
    if (index % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = piece;
      fragment.append(code);
    } else fragment.append(piece.replace(/\s*\n\s*/g, ' '));
  });
  return fragment;
}

type Cell = string | Node;

/** One table with a caption, header row and rows; an empty table becomes a "none" line. */
export function apiTable(caption: string, headers: readonly string[], rows: readonly (readonly Cell[])[]): HTMLElement {
  const section = document.createElement('section');
  const heading = document.createElement('h3');
  heading.textContent = caption;
  section.append(heading);
  if (rows.length === 0) {
    const none = document.createElement('p');
    none.className = 'hint';
    none.textContent = `No ${caption.toLowerCase()}.`;
    section.append(none);
    return section;
  }
  const wrap = document.createElement('div');
  wrap.className = 'api-table-wrap';
  const table = document.createElement('table');
  table.className = 'api-table';
  const head = table.createTHead().insertRow();
  for (const header of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = header;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    row.forEach((cell, index) => {
      const td = tr.insertCell();
      if (index === 0 && typeof cell === 'string') {
        const code = document.createElement('code');
        code.textContent = cell;
        td.append(code);
      } else td.append(cell);
    });
  }
  wrap.append(table);
  section.append(wrap);
  return section;
}

/** Code text, or an empty cell. */
function code(text: string | undefined): Cell {
  if (!text) return '';
  const element = document.createElement('code');
  element.textContent = text;
  return element;
}

/** All API tables for one element, in reading order. */
export function renderApiTables(declaration: ElementDeclaration): HTMLElement[] {
  const methodSignature = (method: ManifestMember) =>
    `${method.name}(${(method.parameters ?? []).map((p) => `${p.name}${p.type ? `: ${p.type.text}` : ''}`).join(', ')})${method.return?.type ? `: ${method.return.type.text}` : ''}`;
  return [
    apiTable(
      'Attributes',
      ['Attribute', 'Type', 'Default', 'Description'],
      (declaration.attributes ?? []).map((a) => [a.name, code(a.type?.text), code(a.default), richText(a.description)]),
    ),
    apiTable(
      'Properties',
      ['Property', 'Type', 'Attribute', 'Description'],
      publicMembers(declaration, 'field').map((m) => [m.name, code(m.type?.text), code(m.attribute), richText(m.description)]),
    ),
    apiTable('Methods', ['Method', 'Signature', 'Description'], publicMembers(declaration, 'method').map((m) => [m.name, code(methodSignature(m)), richText(m.description)])),
    apiTable('Events', ['Event', 'Description'], (declaration.events ?? []).map((e) => [e.name, richText(e.description)])),
    apiTable('CSS parts', ['Part', 'Description'], (declaration.cssParts ?? []).map((p) => [p.name, richText(p.description)])),
    apiTable('CSS custom properties', ['Property', 'Default', 'Description'], (declaration.cssProperties ?? []).map((p) => [p.name, code(p.default), richText(p.description)])),
  ];
}
