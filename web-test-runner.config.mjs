// Unit tests of the elements in Debian's Chromium (never a downloaded browser), with fake camera
// and microphone so prejoin really gets media.
import commonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumFlags, fakeMediaUiFlag } from './scripts/chromium-flags.mjs';

const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // components-core depends on loglevel, which ships CommonJS only.
  plugins: [fromRollup(commonjs)({ include: /node_modules\/loglevel\// }), esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' })],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromium,
        args: [...chromiumFlags, fakeMediaUiFlag],
      },
      createBrowserContext: ({ browser }) => browser.newContext(),
    }),
  ],
};
