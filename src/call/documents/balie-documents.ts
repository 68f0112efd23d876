import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DocumentView } from '../../protocol/index.js';
import { documentsStyles } from './balie-documents.styles.js';
import { documentAccept, formatSize, refuseFile } from './document-file.js';
import { documentText, hasErrorText, type DocumentTextKey } from './document-texts.js';
import { UploadFailed, type DocumentsClient } from './documents-client.js';
import { DocumentsFollowController } from './documents-follow-controller.js';
import { sendWithRetry, type SendProgress } from './send-with-retry.js';

/** One file on its way: what the progress bar shows. */
interface Upload extends SendProgress {
  key: number;
  name: string;
  abort: AbortController;
}

/** The types a card may open, by what the server says it kept: nothing else becomes a blob. */
const openableTypes = new Set(['image/jpeg', 'image/png', 'application/pdf']);

/**
 * The documents of a call (issue 15): a card per file for every participant — name, type, size, a
 * thumbnail for photos, "Openen" and "Downloaden" — and, for whoever may send, "Bestand sturen"
 * (on a phone also "Foto maken", which opens the camera) and drag and drop. The browser checks type
 * and size before a byte is sent; a progress bar with "Stoppen met versturen" follows the upload,
 * which is sent again by itself after a dropped connection; then "Wordt gecontroleerd…" until the
 * server has checked the file. Files go to the balie server over HTTP, never over LiveKit; the
 * others hear of a new file from the server's event stream. An interpreter may send only while the
 * employee allows it; a file retention has removed shows as "Verwijderd" (the server answers 410).
 *
 * @summary Files sent in the call: cards, and sending one.
 * @attr lang - Language of the texts (`nl`, `en`, `fr`).
 * @attr heading - The heading of the files' region instead of "Bestanden".
 * @attr heading-level - 2 (default) or 3, under a heading of the page's own.
 * @csspart documents - The region holding the files.
 * @csspart send-button - The "Bestand sturen" button.
 */
export class BalieDocuments extends LitElement {
  static override styles = documentsStyles;

  @property({ reflect: true }) override lang = '';
  /**
   * The heading of the files' region, instead of "Bestanden": the console names each earlier call
   * by it. `heading-level` 3 puts it under a heading of the page's own.
   */
  @property() heading = '';
  @property({ attribute: 'heading-level', type: Number }) headingLevel: 2 | 3 = 2;
  /** How this participant reaches the call's documents; nothing is shown without it. */
  @property({ attribute: false }) client?: DocumentsClient;

  @state() private documents: DocumentView[] = [];
  @state() private uploads: Upload[] = [];
  /** The last news, said once by the polite live region. */
  @state() private said = '';
  /** Why the last file could not be sent or opened, in the alert region. */
  @state() private problem = '';
  @state() private dragging = false;
  /** Whether the employee lets the interpreter send (the list's `guestsMaySend`). */
  @state() private guestsMaySend = false;
  /** Documents whose download answered that retention removed them. */
  @state() private removed: ReadonlySet<string> = new Set();

  private readonly follow = new DocumentsFollowController(this, () => this.client, () => void this.read());
  /** Ids seen so far; unset until the first read, whose documents were there already and are no news. */
  private known?: Set<string>;
  private reads = 0;
  private nextKey = 0;

  private t(key: DocumentTextKey, values?: Record<string, string | number>): string {
    return documentText(this.lang, key, values);
  }

  /** Whether this person may send now: always, never, or while the employee allows it. */
  private get maySend(): boolean {
    const canSend = this.client?.canSend;
    return canSend === true || (canSend === 'if-allowed' && this.guestsMaySend);
  }

  private get maxMegabytes(): number {
    return Math.round((this.client?.maxBytes ?? 0) / 1024 / 1024);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) {
      this.known = undefined;
      this.documents = [];
      this.removed = new Set();
      this.follow.restart();
      void this.read();
    }
  }

  /** Reads the call's documents again; the newest answer wins, a failed read keeps what is shown. */
  async read(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const read = ++this.reads;
    let documents: DocumentView[];
    let guestsMaySend: boolean;
    try {
      ({ documents, guestsMaySend } = await client.list());
    } catch (error) {
      // The stream's next nudge or reopening reads again.
      console.warn(`[balie-documents] reading the documents: ${(error as Error).message}`);
      return;
    }
    if (read !== this.reads || client !== this.client) return;
    this.take(documents, guestsMaySend);
  }

  private take(documents: DocumentView[], guestsMaySend: boolean): void {
    const fresh = this.known ? documents.filter((d) => !this.known!.has(d.id)) : [];
    const news = fresh.filter((d) => !this.sentHere.has(d.id)).map((d) => this.t('added', { name: d.name }));
    // The interpreter hears when the employee allows sending, or stops it; not on the first read.
    if (this.client?.canSend === 'if-allowed' && this.known && guestsMaySend !== this.guestsMaySend) {
      news.push(this.t(guestsMaySend ? 'nowAllowed' : 'noLongerAllowed'));
    }
    if (news.length) this.said = news.join(' ');
    this.guestsMaySend = guestsMaySend;
    this.known = new Set(documents.map((d) => d.id));
    this.documents = documents;
  }

  /** Documents this element sent: their arrival in a read is no news to this person. */
  private readonly sentHere = new Set<string>();

  private pickFile = () => this.renderRoot.querySelector<HTMLInputElement>('#file')?.click();
  private takePhoto = () => this.renderRoot.querySelector<HTMLInputElement>('#photo')?.click();

  private onPicked = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    files.forEach((file) => void this.send(file));
  };

  /** Checks `file` as far as a browser can and sends it; every outcome is said. */
  async send(file: File): Promise<void> {
    const client = this.client;
    if (!client || !this.maySend) return;
    this.problem = '';
    const refused = refuseFile(file, client.maxBytes);
    if (refused) {
      this.problem =
        refused === 'size'
          ? this.t('tooLarge', { name: file.name, size: formatSize(file.size, this.lang), max: this.maxMegabytes })
          : this.t('wrongType', { name: file.name });
      return;
    }
    const upload: Upload = { key: this.nextKey++, name: file.name, abort: new AbortController(), phase: 'sending', sent: 0, total: file.size };
    this.uploads = [...this.uploads, upload];
    this.said = this.t('sending', { name: file.name });
    const update = (progress: SendProgress) => {
      if (progress.phase !== upload.phase) {
        this.said = this.t(progress.phase === 'retrying' ? 'retrying' : progress.phase === 'checking' ? 'checking' : 'sending', { name: file.name });
      }
      Object.assign(upload, progress);
      this.uploads = [...this.uploads];
    };
    try {
      const view = await sendWithRetry(client, file, upload.abort.signal, update);
      this.sentHere.add(view.id);
      this.said = this.t('sent', { name: view.name });
      if (!this.documents.some((d) => d.id === view.id)) this.documents = [...this.documents, view];
      this.known?.add(view.id);
    } catch (error) {
      const code = error instanceof UploadFailed ? error.code : 'internal';
      if (code === 'aborted') this.said = this.t('canceled', { name: file.name });
      else this.problem = hasErrorText(code) ? this.t(`error_${code}` as DocumentTextKey, { max: this.maxMegabytes }) : this.t('error_other');
    } finally {
      this.uploads = this.uploads.filter((u) => u !== upload);
    }
  }

  private async fetchBlob(document: DocumentView): Promise<string | undefined> {
    if (!this.client || !openableTypes.has(document.mediaType)) return undefined;
    this.problem = '';
    try {
      const blob = await this.client.download(document.id);
      // The type is the one the server decided by the bytes: nothing the page could run.
      const url = URL.createObjectURL(new Blob([blob], { type: document.mediaType }));
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return url;
    } catch (error) {
      console.warn(`[balie-documents] fetching ${document.id}: ${(error as Error).message}`);
      if (error instanceof UploadFailed && error.code === 'document_purged') {
        this.removed = new Set([...this.removed, document.id]);
        this.problem = this.t('removedSaid', { name: document.name });
        // The buttons that had focus are gone: focus stays on the card, on its "Verwijderd".
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>(`#removed-${CSS.escape(document.id)}`)?.focus();
      } else {
        this.problem = this.t('openFailed');
      }
      return undefined;
    }
  }

  private async open(document: DocumentView): Promise<void> {
    const url = await this.fetchBlob(document);
    if (url) window.open(url, '_blank');
  }

  private async download(document: DocumentView): Promise<void> {
    const url = await this.fetchBlob(document);
    if (!url) return;
    const link = Object.assign(window.document.createElement('a'), { href: url, download: document.name });
    link.style.display = 'none';
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
  }

  private onDragOver = (event: DragEvent) => {
    if (!this.maySend || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  };

  private onDragLeave = () => {
    this.dragging = false;
  };

  private onDrop = (event: DragEvent) => {
    if (!this.maySend) return;
    event.preventDefault();
    this.dragging = false;
    [...(event.dataTransfer?.files ?? [])].forEach((file) => void this.send(file));
  };

  override render() {
    if (!this.client) return nothing;
    return html`<section
      part="documents"
      class=${this.dragging ? 'dragging' : ''}
      aria-labelledby="heading"
      @dragover=${this.onDragOver}
      @dragleave=${this.onDragLeave}
      @drop=${this.onDrop}
    >
      ${this.headingLevel === 3
        ? html`<h3 id="heading">${this.heading || this.t('region')}</h3>`
        : html`<h2 id="heading">${this.heading || this.t('region')}</h2>`}
      ${this.documents.length
        ? html`<ul>${repeat(this.documents, (d) => d.id, (d) => this.renderCard(d))}</ul>`
        : html`<p class="hint">${this.t('none')}</p>`}
      ${repeat(this.uploads, (u) => u.key, (u) => this.renderUpload(u))}
      <p class="visually-hidden" role="status">${this.said}</p>
      <div role="alert">${this.problem ? html`<p class="error">${this.problem}</p>` : nothing}</div>
      ${this.maySend ? this.renderControls() : this.client.canSend === 'if-allowed' ? html`<p class="hint">${this.t('askToSend')}</p>` : nothing}
    </section>`;
  }

  private renderCard(document: DocumentView) {
    const type = document.mediaType === 'application/pdf' ? 'type_pdf' : document.mediaType === 'image/png' ? 'type_png' : 'type_jpeg';
    const from = this.sentHere.has(document.id) ? this.t('fromYou') : this.t(`from_${document.sender}`);
    return html`<li>
      ${document.thumbnail
        ? html`<img class="thumb" src=${document.thumbnail} alt="" />`
        : html`<span class="pdf" aria-hidden="true">PDF</span>`}
      <span class="about">
        <span class="name" id=${`name-${document.id}`}>${document.name}</span>
        <span class="meta">${this.t(type)} · ${formatSize(document.size, this.lang)} · ${from}</span>
      </span>
      ${this.removed.has(document.id)
        ? html`<span class="removed" id=${`removed-${document.id}`} tabindex="-1">${this.t('removed')}</span>`
        : html`<span class="actions">
            <button aria-describedby=${`name-${document.id}`} @click=${() => void this.open(document)}>${this.t('open')}</button>
            <button aria-describedby=${`name-${document.id}`} @click=${() => void this.download(document)}>${this.t('download')}</button>
          </span>`}
    </li>`;
  }

  private renderUpload(upload: Upload) {
    const percent = upload.total ? Math.round((upload.sent / upload.total) * 100) : 0;
    const text = upload.phase === 'checking' ? 'checking' : upload.phase === 'retrying' ? 'retrying' : 'sending';
    return html`<p>${this.t(text, { name: upload.name })}</p>
      <div class="upload">
        <progress
          max="100"
          .value=${upload.phase === 'checking' ? 100 : percent}
          aria-label=${this.t('progress', { name: upload.name })}
          aria-valuetext=${this.t('percent', { percent: upload.phase === 'checking' ? 100 : percent })}
        ></progress>
        ${upload.phase === 'checking' ? nothing : html`<button @click=${() => upload.abort.abort()}>${this.t('cancel')}</button>`}
      </div>`;
  }

  private renderControls() {
    // Only a touch device is offered the camera as its own button; a laptop picks or drops a file.
    const phone = window.matchMedia?.('(pointer: coarse)').matches ?? false;
    return html`<div class="controls">
        <button part="send-button" class="primary" @click=${this.pickFile}>${this.t('send')}</button>
        ${phone ? html`<button @click=${this.takePhoto}>${this.t('photo')}</button>` : nothing}
      </div>
      <p class="hint">${this.t('allowed', { max: this.maxMegabytes })} ${phone ? '' : this.t('dropHere')}</p>
      <input id="file" type="file" hidden accept=${documentAccept} @change=${this.onPicked} />
      <input id="photo" type="file" hidden accept="image/*" capture="environment" @change=${this.onPicked} />`;
  }
}

if (!customElements.get('balie-documents')) customElements.define('balie-documents', BalieDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'balie-documents': BalieDocuments;
  }
}
