// custom-elements.json is generated from the elements' JSDoc; test/server/manifest.test.ts fails
// when the committed file is stale.
export default {
  globs: ['src/widget/**/*.ts', 'src/call/**/*.ts', 'src/console/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  // package.json names custom-elements.json itself; the analyzer must not rewrite it (the
  // staleness test runs it with a temporary --outdir).
  packagejson: false,
};
