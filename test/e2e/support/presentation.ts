import type { Page } from 'playwright-core';

// Plain JavaScript for the page (see call-probe.ts on why not functions). Every element of the
// widget or console, through its shadow roots, in document order.
const deepElementsSource = `const deepElements = (root) => {
    const out = [];
    const walk = (node) => {
      for (const el of node.querySelectorAll('*')) {
        out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root.shadowRoot || root);
    return out;
  };
  const deepActive = () => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  };
  const nameOf = (el) => String(el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || el.value || el.localName).replace(/\\s+/g, ' ').trim().slice(0, 60);
  const alphaOf = (color) => { const m = /rgba\\([^)]*,\\s*([\\d.]+)\\)/.exec(color); return m ? Number(m[1]) : (color === 'transparent' ? 0 : 1); };`;

/** The focused control's name and the focus indicator it draws, when it is inside `host`. */
export interface FocusRing {
  name: string;
  tag: string;
  outlineStyle: string;
  outlineWidth: number;
  outlineColor: string;
  outlineAlpha: number;
  canvas: string;
}

/**
 * Tabs through the page until focus has been on every control inside `host` once, and returns the
 * focus ring each one draws (computed style while it has keyboard focus).
 */
export async function focusRingsByTab(page: Page, host: string, maxPresses = 60): Promise<FocusRing[]> {
  const rings: FocusRing[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const ring = (await page.evaluate(`(() => {
      ${deepElementsSource}
      const host = document.querySelector(${JSON.stringify(host)});
      if (!host || document.activeElement !== host) return null;
      const el = deepActive();
      const style = getComputedStyle(el);
      const probe = document.createElement('span');
      probe.style.color = 'Canvas';
      document.body.append(probe);
      const canvas = getComputedStyle(probe).color;
      probe.remove();
      const index = deepElements(host).indexOf(el);
      return { key: el.localName + '#' + index, name: nameOf(el), tag: el.localName, outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0, outlineColor: style.outlineColor, outlineAlpha: alphaOf(style.outlineColor), canvas };
    })()`)) as (FocusRing & { key: string }) | null;
    if (!ring) continue;
    if (seen.has(ring.key)) break;
    seen.add(ring.key);
    const { key: _key, ...rest } = ring;
    rings.push(rest);
  }
  return rings;
}

/** How a control looks, in what is left visible in forced colours beside colour. */
export interface ControlLook {
  name: string;
  text: string;
  color: string;
  background: string;
  border: string;
  textDecoration: string;
  fontWeight: string;
  opacity: string;
  outline: string;
  /** The system colour GrayText as this page computes it. */
  grayText: string;
}

/** The look of every button inside `host` whose name matches. */
export async function controlLooks(page: Page, host: string, name: RegExp): Promise<ControlLook[]> {
  return (await page.evaluate(`(() => {
    ${deepElementsSource}
    const probe = document.createElement('span');
    probe.style.color = 'GrayText';
    document.body.append(probe);
    const grayText = getComputedStyle(probe).color;
    probe.remove();
    const pattern = new RegExp(${JSON.stringify(name.source)}, ${JSON.stringify(name.flags)});
    return deepElements(document.querySelector(${JSON.stringify(host)}))
      .filter((el) => el.localName === 'button' && pattern.test(nameOf(el)) && el.getClientRects().length > 0)
      .map((el) => {
        const s = getComputedStyle(el);
        return {
          name: nameOf(el), text: el.textContent.replace(/\\s+/g, ' ').trim(),
          color: s.color, background: s.backgroundColor, border: s.borderTopWidth + ' ' + s.borderTopStyle + ' ' + s.borderTopColor,
          textDecoration: s.textDecorationLine, fontWeight: s.fontWeight, opacity: s.opacity, outline: s.outlineStyle + ' ' + s.outlineWidth, grayText,
        };
      });
  })()`)) as ControlLook[];
}

export { deepElementsSource };

/** WCAG 1.4.12's text-spacing overrides, as the bookmarklets testers use apply them. */
export const textSpacingCss =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

/**
 * Adds `css` to the document and to every shadow root in the page (constructed sheets pass a strict
 * CSP); `null` removes it. Returns how many roots it reached.
 */
export function overrideStyles(page: Page, css: string | null): Promise<number> {
  return page.evaluate(`(async () => {
    ${deepElementsSource}
    const roots = [document, ...deepElements(document.documentElement).filter((el) => el.shadowRoot).map((el) => el.shadowRoot)];
    for (const root of roots) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => !s.__override);
    const css = ${JSON.stringify(css)};
    if (css) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheet.__override = true;
      for (const root of roots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return roots.length;
  })()`) as Promise<number>;
}

/**
 * Text that is cut off or spills out of its box inside `host`: an element that clips (overflow
 * hidden or clip) whose content is larger than its box, or an element with text of its own whose
 * content is larger than its box; and a page that scrolls sideways. Text fields, which scroll their
 * own text, and visually hidden text are left out.
 */
export async function clippedText(page: Page, host: string): Promise<string[]> {
  return (await page.evaluate(`(() => {
    ${deepElementsSource}
    const problems = [];
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    if (overflow > 0) problems.push('the page scrolls ' + overflow + ' px sideways');
    for (const el of deepElements(document.querySelector(${JSON.stringify(host)}))) {
      if (['input', 'textarea', 'select', 'video', 'audio', 'canvas', 'svg', 'style', 'slot'].includes(el.localName) || el.closest('svg')) continue;
      if (!el.getClientRects().length || el.clientWidth <= 1 || el.clientHeight <= 1 || !el.checkVisibility({ contentVisibilityAuto: true })) continue;
      const s = getComputedStyle(el);
      const clips = /hidden|clip/.test(s.overflowX + ' ' + s.overflowY) || s.textOverflow === 'ellipsis';
      const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!clips && !ownText) continue;
      if (!el.textContent.trim()) continue;
      const wide = el.scrollWidth - el.clientWidth;
      const tall = el.scrollHeight - el.clientHeight;
      if (wide > 1 || tall > 1) problems.push(el.localName + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' "' + nameOf(el) + '" ' + (clips ? 'cuts off' : 'spills') + ' ' + Math.max(wide, 0) + ' × ' + Math.max(tall, 0) + ' px');
    }
    return problems;
  })()`)) as string[];
}

/** The page's root font size as a percentage of the browser's (`100` puts it back): how text-only zoom works on rem-sized text. */
export function setTextSize(page: Page, percent: number): Promise<number> {
  return page.evaluate(`(async () => {
    document.documentElement.style.fontSize = ${percent === 100 ? "''" : JSON.stringify(`${percent}%`)};
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return parseFloat(getComputedStyle(document.documentElement).fontSize);
  })()`) as Promise<number>;
}

/** The computed font size of `host`'s first button or heading (through shadow roots), in px. */
export function textSizeIn(page: Page, host: string): Promise<number> {
  return page.evaluate(`(() => {
    ${deepElementsSource}
    const el = deepElements(document.querySelector(${JSON.stringify(host)})).find((e) => /^(h[1-3]|button)$/.test(e.localName) && e.getClientRects().length);
    return el ? parseFloat(getComputedStyle(el).fontSize) : 0;
  })()`) as Promise<number>;
}

/**
 * Every control inside `host` that is on the page: scrolled to, it lies within the window's width
 * and is what is under its own centre (not covered or cut off). Returns the names and the problems.
 */
export async function reachableControls(page: Page, host: string): Promise<{ names: string[]; problems: string[] }> {
  return (await page.evaluate(`(() => {
    ${deepElementsSource}
    const deepFromPoint = (x, y) => {
      let el = document.elementFromPoint(x, y);
      while (el && el.shadowRoot) { const inner = el.shadowRoot.elementFromPoint(x, y); if (!inner || inner === el) break; el = inner; }
      return el;
    };
    const composedContains = (outer, inner) => { for (let n = inner; n; n = n.parentNode || n.host) if (n === outer) return true; return false; };
    const names = [], problems = [];
    const controls = deepElements(document.querySelector(${JSON.stringify(host)})).filter((el) =>
      (['button', 'select', 'textarea', 'summary'].includes(el.localName) || (el.localName === 'a' && el.hasAttribute('href')) || (el.localName === 'input' && el.type !== 'hidden'))
      && el.getClientRects().length && el.getBoundingClientRect().width > 1
      // Not what a closed <details> holds: its summary is the control then.
      && el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }));
    for (const el of controls) {
      const name = nameOf(el);
      names.push(name);
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > window.innerWidth + 1) { problems.push('"' + name + '" lies outside the window sideways'); continue; }
      const hit = deepFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(composedContains(el, hit) || (el.labels && [...el.labels].some((l) => composedContains(l, hit))))) {
        problems.push('"' + name + '" is covered by ' + (hit ? hit.localName + ' "' + nameOf(hit) + '"' : 'nothing'));
      }
    }
    window.scrollTo(0, 0);
    return { names, problems };
  })()`)) as { names: string[]; problems: string[] };
}
