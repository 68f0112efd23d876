/**
 * Chromium flags that work on this machine (root, no display, no network; see
 * shared/TESTING.md), shared by web-test-runner and the end-to-end tests.
 */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
];

/** Grants camera and microphone without a prompt; leave it out to test a denied camera. */
export const fakeMediaUiFlag = '--use-fake-ui-for-media-stream';
