import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The console's keyboard shortcuts. */
export type ConsoleShortcut = 'admit-first' | 'toggle-microphone';

/**
 * Which shortcut a key press is: Alt+T admits the first in line ("Toelaten"), Alt+M turns the
 * microphone off or on. With Alt, so typing in the chat or a note never triggers one (WCAG 2.1.4).
 * `code` rather than `key`: on macOS Alt+T types "†".
 */
export function shortcutFor(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>): ConsoleShortcut | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  if (event.code === 'KeyT') return 'admit-first';
  if (event.code === 'KeyM') return 'toggle-microphone';
  return undefined;
}

/** Listens for the console's shortcuts on the whole page while the host is connected. */
export class ShortcutsController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly onShortcut: (shortcut: ConsoleShortcut) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeyDown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown);
  }

  private onKeyDown = (event: KeyboardEvent) => {
    const shortcut = shortcutFor(event);
    if (!shortcut) return;
    event.preventDefault();
    this.onShortcut(shortcut);
  };
}
