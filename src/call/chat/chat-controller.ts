import { setupChat, type ReceivedChatMessage } from '@livekit/components-core';
import type { Room } from 'livekit-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ObservableController } from '../observable-controller.js';

/**
 * The call's chat through components-core's `setupChat` (LiveKit text streams). Counts what has
 * not been read while the chat panel is closed.
 */
export class ChatController implements ReactiveController {
  private readonly messages: ObservableController<ReceivedChatMessage[]>;
  private readonly chat: ReturnType<typeof setupChat>;
  private read = 0;
  /** Whether the reader has the chat panel open: then everything is read as it arrives. */
  open = true;

  constructor(
    private readonly host: ReactiveControllerHost,
    room: Room,
  ) {
    host.addController(this);
    this.chat = setupChat(room);
    this.messages = new ObservableController(host, []);
    this.messages.observe(this.chat.messageObservable);
  }

  get list(): ReceivedChatMessage[] {
    return this.messages.value;
  }

  /** Messages from others that arrived while the panel was closed. */
  get unread(): number {
    if (this.open) this.read = this.list.length;
    return this.list.slice(this.read).filter((m) => !m.from?.isLocal).length;
  }

  hostConnected(): void {}

  /** Sends `text` to everyone in the call; resolves when it is sent. */
  async send(text: string): Promise<void> {
    await this.chat.send(text);
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.host.requestUpdate();
  }
}
