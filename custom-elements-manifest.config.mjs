// custom-elements.json: generated from the elements' class JSDoc (@summary, @event, @csspart, @cssprop).
export default {
  // The element classes, and the files that register their tags (for tagName).
  globs: ['src/components/**/*.component.ts', 'src/components/*/*.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json's "customElements" is set by hand to dist/; don't let dev runs rewrite it.
  packagejson: false,
};
