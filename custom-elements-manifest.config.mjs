// custom-elements.json: generated from the elements' class JSDoc (@summary, @event, @csspart, @cssprop).
export default {
  globs: ['src/components/**/*.component.ts'],
  exclude: ['**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
};
