import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BalieConfig } from '../protocol/config.js';

export type ConfigState =
  | { status: 'idle' }
  | { status: 'loading'; url: string }
  | { status: 'ready'; url: string; config: BalieConfig; apiBase: URL }
  | { status: 'error'; url: string; problem: string };

/**
 * Loads and validates the municipality's config from `config-url`. A web team's mistake (a 404,
 * bad JSON, a misspelt field) becomes one precise `console.error` naming the field; the citizen
 * gets a plain message from the element instead of a blank widget.
 */
export class ConfigController implements ReactiveController {
  state: ConfigState = { status: 'idle' };
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (state: ConfigState) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /**
   * Starts loading `url` (relative to the page), cancelling a load still under way. `afterPaint`:
   * the requests start once the element's first frame is drawn, so that the launcher is not held
   * up by them (a fetch and a chunk import cost the main thread several milliseconds).
   */
  async load(url: string | null, { afterPaint = false } = {}): Promise<void> {
    this.abort?.abort();
    if (!url) return this.set({ status: 'error', url: '', problem: 'the config-url attribute is missing' });
    const abort = (this.abort = new AbortController());
    const resolved = new URL(url, document.baseURI);
    this.set({ status: 'loading', url });
    if (afterPaint) await nextPaint();
    if (abort.signal.aborted) return;
    const result = await fetchConfig(resolved, abort.signal);
    if (!abort.signal.aborted) this.set(result);
  }

  private set(state: ConfigState): void {
    this.state = state;
    if (state.status === 'error') console.error(`[digitale-balie] ${state.problem}`);
    this.onChange(state);
    this.host.requestUpdate();
  }
}

/**
 * Resolves just after the next frame is drawn: a task queued from `requestAnimationFrame` runs
 * after that frame's paint. A hidden tab draws no frames: then after 100 ms.
 */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}

async function fetchConfig(url: URL, signal: AbortSignal): Promise<ConfigState> {
  const at = `config-url "${url}"`;
  // The validator is its own chunk: fetch it alongside the config, not after.
  const validator = import('./config-validate.js');
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'omit' });
  } catch (cause) {
    return { status: 'error', url: `${url}`, problem: `${at} could not be loaded: ${(cause as Error).message}` };
  }
  if (!response.ok) {
    return { status: 'error', url: `${url}`, problem: `${at} answered ${response.status} ${response.statusText}`.trim() };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    return { status: 'error', url: `${url}`, problem: `${at} is not valid JSON: ${(cause as Error).message}` };
  }
  let validateConfig: typeof import('./config-validate.js').validateConfig;
  try {
    ({ validateConfig } = await validator);
  } catch (cause) {
    return { status: 'error', url: `${url}`, problem: `the config validator could not be loaded: ${(cause as Error).message}` };
  }
  const parsed = validateConfig(json);
  if (!parsed.ok) return { status: 'error', url: `${url}`, problem: `${at} does not fit the config format:\n${parsed.problem}` };
  const apiBase = new URL(parsed.config.apiBase ?? '/api/', url);
  if (!apiBase.pathname.endsWith('/')) apiBase.pathname += '/';
  return { status: 'ready', url: `${url}`, config: parsed.config, apiBase };
}
