// custom-elements.json is generated from the elements' JSDoc; test/server/manifest.test.ts fails
// when the committed file is stale.
export default {
  globs: ['src/widget/**/*.ts', 'src/call/**/*.ts', 'src/console/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
