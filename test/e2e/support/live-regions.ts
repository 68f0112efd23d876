import type { CDPSession, Page } from 'playwright-core';

/**
 * What a screen reader is told, recorded two ways over time:
 *
 * - in the page, every change of DOM inside a live region (`role` status, alert, log, marquee or
 *   timer, or `aria-live` polite/assertive), through a MutationObserver on the document and on every
 *   shadow root. This is what Chromium turns into a live-region event; a region whose text is
 *   re-rendered unchanged, or a message re-inserted, is an announcement again, and shows here.
 *   Where the focus goes is recorded too: a heading that takes focus is read out.
 * - from the browser's accessibility tree (CDP `Accessibility.getFullAXTree`), polled: the text each
 *   live region exposes, as a timeline of changes.
 */

/** One announcement: a live region's text after a change in it (whole region when atomic, else what was added). */
export interface Announcement {
  /** The region, e.g. `status in balie-waiting-room` or `log "Chat" in balie-chat`. */
  region: string;
  text: string;
  /** `changed`: DOM changed inside a region that was there; `appeared`: a region inserted with text in it. */
  kind: 'changed' | 'appeared' | 'focus';
  at: number;
}

// Plain JavaScript for the page (see call-probe.ts on why not a function).
const recorderScript = `(() => {
  const liveRoles = new Set(['status', 'alert', 'log', 'marquee', 'timer']);
  const atomicRoles = new Set(['status', 'alert']);
  const records = [];
  window.__announcements = records;
  const norm = (s) => String(s || '').replace(/\\s+/g, ' ').trim();
  const isRegion = (el) => el && el.nodeType === 1 && (liveRoles.has(el.getAttribute('role')) || ['polite', 'assertive'].includes(el.getAttribute('aria-live')));
  const up = (node) => node.parentNode && node.parentNode.nodeType === 11 ? node.parentNode.host : node.parentNode;
  const regionOf = (node) => { for (let n = node; n; n = up(n)) if (isRegion(n)) return n; return null; };
  const hostTag = (el) => { const root = el.getRootNode(); return root && root.host ? root.host.localName : 'document'; };
  const describe = (el) => (el.getAttribute('role') || 'live') + (el.getAttribute('aria-label') ? ' "' + el.getAttribute('aria-label') + '"' : '') + ' in ' + hostTag(el);
  const atomic = (el) => el.getAttribute('aria-atomic') === 'true' || (atomicRoles.has(el.getAttribute('role')) && el.getAttribute('aria-atomic') !== 'false');
  const onMutations = (mutations) => {
    const changed = new Map();
    for (const m of mutations) {
      for (const added of m.addedNodes) {
        if (added.nodeType !== 1) continue;
        const inserted = [isRegion(added) ? added : null, ...added.querySelectorAll('*')].filter(isRegion);
        for (const region of inserted) if (norm(region.textContent)) records.push({ region: describe(region), text: norm(region.textContent), kind: 'appeared', at: Date.now() });
      }
      const region = regionOf(m.target);
      if (!region || !region.isConnected) continue;
      const entry = changed.get(region) || { added: [] };
      for (const added of m.addedNodes) entry.added.push(added);
      changed.set(region, entry);
    }
    for (const [region, entry] of changed) {
      const text = atomic(region) ? norm(region.textContent) : norm(entry.added.filter((n) => n.isConnected).map((n) => n.textContent).join(' '));
      if (text) records.push({ region: describe(region), text, kind: 'changed', at: Date.now() });
    }
  };
  const observe = (root) => new MutationObserver(onMutations).observe(root, { subtree: true, childList: true, characterData: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); observe(root); return root; };
  observe(document);
  let lastFocus = '';
  document.addEventListener('focusin', () => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || !/^H[1-6]$/.test(el.tagName)) { lastFocus = ''; return; }
    const text = norm(el.textContent);
    if (text !== lastFocus) records.push({ region: 'heading in ' + hostTag(el), text, kind: 'focus', at: Date.now() });
    lastFocus = text;
  }, true);
})()`;

/** Installs the recorder on every page of `page`'s future documents; call before `goto`. */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(recorderScript);
}

export function announcements(page: Page): Promise<Announcement[]> {
  return page.evaluate('window.__announcements') as Promise<Announcement[]>;
}

/** A live region's text as the accessibility tree exposes it, when it changed. */
export interface TreeChange {
  region: string;
  /** The region's whole text after the change. */
  text: string;
  /** What is new: the added tail when the old text is kept (a log), else the whole text. Removals say nothing. */
  said: string;
  at: number;
}

interface AXValue {
  value?: unknown;
}
interface AXNode {
  nodeId: string;
  backendDOMNodeId?: number;
  ignored?: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
}

/**
 * Polls the page's accessibility tree every `everyMs` and keeps the timeline of the text of each
 * live region root (a node with a `live` property other than `off`). Stop it before closing the page.
 */
export async function watchAccessibilityTree(page: Page, everyMs = 150): Promise<{ changes: TreeChange[]; stop(): Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const changes: TreeChange[] = [];
  const last = new Map<string, string>();
  let running = true;
  const poll = async () => {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const text = (node: AXNode): string => {
      if (node.role?.value === 'StaticText') return String(node.name?.value ?? '');
      return (node.childIds ?? []).map((id) => byId.get(id)).filter((n): n is AXNode => !!n).map(text).join(' ');
    };
    const seen = new Map<string, string>();
    for (const node of nodes) {
      if (node.ignored) continue;
      const live = node.properties?.find((p) => p.name === 'live')?.value.value;
      const root = node.properties?.find((p) => p.name === 'root');
      // The root of a region carries `live`; nodes inside carry a `root` pointing at it.
      if (!live || live === 'off' || root) continue;
      // One element is one region for as long as it lives; a region inserted again is a new one.
      const key = `${String(node.role?.value)}${node.name?.value ? ` "${String(node.name.value)}"` : ''} (node ${node.backendDOMNodeId ?? node.nodeId})`;
      seen.set(key, text(node).replace(/\s+/g, ' ').trim());
    }
    for (const [region, value] of seen) {
      const before = last.get(region) ?? '';
      // Only additions are read out (aria-relevant's default): a message leaving says nothing.
      if (before === value || !value || (before && before.includes(value))) continue;
      const said = before && value.startsWith(before) ? value.slice(before.length).trim() : value;
      changes.push({ region, text: value, said, at: Date.now() });
    }
    last.clear();
    for (const [region, value] of seen) last.set(region, value);
  };
  const loop = (async () => {
    while (running) {
      await poll().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    changes,
    stop: async () => {
      running = false;
      await loop;
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** How often each text was announced (kind `changed` or `focus`; `appeared` only when the region is an alert). */
export function countAnnounced(records: Announcement[], text: RegExp | string): number {
  return records.filter((r) => (r.kind !== 'appeared' || r.region.startsWith('alert')) && (typeof text === 'string' ? r.text.includes(text) : text.test(r.text))).length;
}
