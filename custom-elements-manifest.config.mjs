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
  plugins: [
    {
      // The analyzer's file walk has no fixed order; sorting keeps the file (and its diffs and
      // the staleness test) stable from run to run.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
