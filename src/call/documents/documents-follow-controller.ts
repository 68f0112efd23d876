import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DocumentsClient } from './documents-client.js';

/**
 * Follows the server's news of documents in the call through the client's `follow` while the
 * host is connected; {@link restart} when the client changes.
 */
export class DocumentsFollowController implements ReactiveController {
  private stop?: () => void;
  private following?: DocumentsClient;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly client: () => DocumentsClient | undefined,
    private readonly onNews: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.restart();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop?.();
    this.stop = undefined;
    this.following = undefined;
  }

  /**
   * Stops following the old client and follows the current one; nothing when that is the one
   * already followed (each stream counts against the ticket's limit on the server).
   */
  restart(): void {
    const client = this.connected ? this.client() : undefined;
    if (client === this.following && this.stop) return;
    this.stop?.();
    this.following = client;
    this.stop = client?.follow?.(this.onNews);
  }
}
