import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { DocumentListView, DocumentView } from '../../protocol/index.js';
import './balie-documents.js';
import type { BalieDocuments } from './balie-documents.js';
import { refuseFile } from './document-file.js';
import { UploadFailed, type DocumentsClient } from './documents-client.js';

const MB = 1024 * 1024;
// A 1×1 JPEG, as the server's thumbnails are data URLs.
const thumbnail =
  'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==';
const photo: DocumentView = { id: 'd1', name: 'paspoort.jpg', mediaType: 'image/jpeg', size: 850 * 1024, sender: 'citizen', createdAt: '2026-11-24T08:35:00Z', thumbnail };
const pdf: DocumentView = { id: 'd2', name: 'vergunning.pdf', mediaType: 'application/pdf', size: 3.2 * MB, sender: 'employee', createdAt: '2026-11-24T08:36:00Z' };

type Upload = { file: File; onProgress: (sent: number, total: number) => void; signal: AbortSignal; resolve: (v: DocumentView) => void; reject: (e: Error) => void };

/** A client over a list in memory; each upload waits until the test answers it. */
function memoryClient(documents: DocumentView[] = [], canSend: DocumentsClient['canSend'] = true) {
  const uploads: Upload[] = [];
  let news: (() => void) | undefined;
  /** What the server says: the employee lets the interpreter send; purged documents answer 410. */
  const call = { guestsMaySend: false, purged: new Set<string>() };
  const client: DocumentsClient = {
    maxBytes: 10 * MB,
    canSend,
    list: async (): Promise<DocumentListView> => ({ documents: [...documents], guestsMaySend: call.guestsMaySend }),
    upload: (file, { onProgress, signal }) =>
      new Promise((resolve, reject) => {
        uploads.push({ file, onProgress, signal, resolve, reject });
        signal.addEventListener('abort', () => reject(new UploadFailed('aborted', 'stopped')));
      }),
    download: async (id) => {
      if (call.purged.has(id)) throw new UploadFailed('document_purged', 'downloading a document answered 410');
      return new Blob(['x'], { type: 'application/octet-stream' });
    },
    follow: (onNews) => {
      news = onNews;
      return () => (news = undefined);
    },
  };
  return { client, uploads, documents, call, nudge: () => news?.() };
}

const text = (el: BalieDocuments) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const file = (name: string, size: number, type: string) => new File([new Uint8Array(size)], name, { type });

describe('<balie-documents>', () => {
  it('shows each document as a card: name, type, size, thumbnail, Openen and Downloaden', async () => {
    const { client } = memoryClient([photo, pdf]);
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length === 2);
    const [first, second] = el.shadowRoot!.querySelectorAll('li');
    expect(first.textContent).to.match(/paspoort\.jpg[\s\S]*Foto \(JPG\) · 850 kB · Van de inwoner/);
    expect(first.querySelector('img')!.getAttribute('src')).to.equal(thumbnail);
    expect(second.textContent).to.match(/vergunning\.pdf[\s\S]*PDF · 3,2 MB · Van de medewerker/);
    const buttons = [...first.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Openen', 'Downloaden']);
    // A screen reader hears which file each button is for.
    expect(el.shadowRoot!.getElementById(buttons[0].getAttribute('aria-describedby')!)!.textContent).to.equal('paspoort.jpg');
  });

  it('refuses an 11 MB file in the browser, before a byte is sent, in plain words', async () => {
    const { client, uploads } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    await el.send(file('scan.pdf', 11 * MB, 'application/pdf'));
    await el.updateComplete;
    expect(uploads).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('scan.pdf is te groot (11 MB). U kunt bestanden tot 10 MB sturen.');
  });

  it('refuses a file that is no photo or PDF by its name and type', async () => {
    const { client, uploads } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    await el.send(file('brief.docx', 1000, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'));
    await el.updateComplete;
    expect(uploads).to.have.length(0);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Stuur een foto (JPG, PNG, HEIC) of een PDF.');
  });

  it('shows progress in a progressbar, then "wordt gecontroleerd", then the card', async () => {
    const { client, uploads } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    const sending = el.send(file('foto.jpg', 2 * MB, 'image/jpeg'));
    await waitUntil(() => uploads.length === 1);
    uploads[0].onProgress(MB, 2 * MB);
    await el.updateComplete;
    const bar = el.shadowRoot!.querySelector('progress')!;
    expect(bar.value).to.equal(50);
    expect(bar.getAttribute('aria-label')).to.equal('Versturen van foto.jpg');
    expect(bar.getAttribute('aria-valuetext')).to.equal('50 procent verstuurd');
    uploads[0].onProgress(2 * MB, 2 * MB);
    await el.updateComplete;
    expect(text(el)).to.contain('foto.jpg wordt gecontroleerd…');
    uploads[0].resolve({ ...photo, id: 'new', name: 'foto.jpg' });
    await sending;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('progress')).to.be.null;
    expect(el.shadowRoot!.querySelector('li')!.textContent).to.contain('Van u');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('foto.jpg is verstuurd.');
  });

  it('stops sending when the person cancels', async () => {
    const { client, uploads } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    const sending = el.send(file('foto.jpg', MB, 'image/jpeg'));
    await waitUntil(() => el.shadowRoot!.querySelector('progress'));
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Stoppen met versturen')!.click();
    await sending;
    await el.updateComplete;
    expect(uploads[0].signal.aborted).to.equal(true);
    expect(el.shadowRoot!.querySelector('progress')).to.be.null;
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Het versturen van foto.jpg is gestopt.');
  });

  it('sends again by itself after the connection dropped', async () => {
    const { client, uploads } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    const sending = el.send(file('foto.jpg', MB, 'image/jpeg'));
    await waitUntil(() => uploads.length === 1);
    uploads[0].reject(new UploadFailed('network', 'dropped'));
    await waitUntil(() => text(el).includes('De verbinding is weg. We proberen foto.jpg opnieuw te versturen…'));
    await waitUntil(() => uploads.length === 2, 'a second attempt', { timeout: 3000 });
    uploads[1].resolve({ ...photo, id: 'again', name: 'foto.jpg' });
    await sending;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(1);
  });

  it("says the server's refusal in plain words and does not try again", async () => {
    const { client, uploads } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    const sending = el.send(file('foto.jpg', MB, 'image/jpeg'));
    await waitUntil(() => uploads.length === 1);
    uploads[0].reject(new UploadFailed('document_type', 'not an image'));
    await sending;
    await el.updateComplete;
    expect(uploads).to.have.length(1);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Dit bestand is geen foto of PDF');
  });

  it("announces a document the other side sent when the server's stream nudges", async () => {
    const memory = memoryClient([photo]);
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${memory.client}></balie-documents>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length === 1);
    memory.documents.push(pdf);
    memory.nudge();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length === 2);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Nieuw bestand: vergunning.pdf.');
  });

  it('offers sending only to who may send', async () => {
    const { client } = memoryClient([pdf], false);
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    await waitUntil(() => el.shadowRoot!.querySelector('li'));
    expect(el.shadowRoot!.querySelector('[part~="send-button"]')).to.be.null;
  });

  it("after the call: only Openen and Downloaden, and a file retention removed shows as 'Verwijderd'", async () => {
    const memory = memoryClient([photo, pdf], false);
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${memory.client}></balie-documents>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length === 2);
    expect(el.shadowRoot!.querySelector('input[type="file"]')).to.be.null;
    expect(text(el)).not.to.contain('Bestand sturen');
    memory.call.purged.add(pdf.id);
    const download = [...el.shadowRoot!.querySelectorAll('li')[1].querySelectorAll('button')].find((b) => b.textContent === 'Downloaden')!;
    download.focus();
    download.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.removed'), 'the card never said it was removed');
    const card = el.shadowRoot!.querySelectorAll('li')[1];
    expect(card.textContent).to.contain('vergunning.pdf').and.contain('Verwijderd');
    expect(card.querySelector('button')).to.be.null;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(
      'vergunning.pdf is er niet meer. Bestanden worden een aantal dagen na het gesprek verwijderd.',
    );
    // The button that had focus is gone; focus stays on the card.
    expect(el.shadowRoot!.activeElement).to.equal(card.querySelector('.removed'));
    // The other file can still be had.
    expect(el.shadowRoot!.querySelectorAll('li')[0].querySelectorAll('button')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('lets the interpreter send only while the employee allows it, and says when that changes', async () => {
    const memory = memoryClient([photo], 'if-allowed');
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${memory.client}></balie-documents>`);
    await waitUntil(() => el.shadowRoot!.querySelector('li'));
    expect(el.shadowRoot!.querySelector('[part~="send-button"]')).to.be.null;
    expect(text(el)).to.contain('Wilt u een bestand sturen? Dat kan als de medewerker het toestaat.');
    await el.send(file('foto.jpg', MB, 'image/jpeg'));
    expect(memory.uploads).to.have.length(0);
    await expect(el).to.be.accessible();

    memory.call.guestsMaySend = true;
    memory.nudge();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="send-button"]'), 'no "Bestand sturen" once allowed');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('U mag nu bestanden sturen.');
    expect(text(el)).not.to.contain('Dat kan als de medewerker het toestaat');

    memory.call.guestsMaySend = false;
    memory.nudge();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part~="send-button"]'), '"Bestand sturen" stayed after the employee stopped it');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('U mag geen bestanden meer sturen.');
  });

  it('speaks English and French', async () => {
    const { client } = memoryClient([photo]);
    const en = await fixture<BalieDocuments>(html`<balie-documents lang="en" .client=${client}></balie-documents>`);
    await waitUntil(() => en.shadowRoot!.querySelector('li'));
    expect(text(en)).to.contain('Send a file').and.contain('Open').and.contain('Photo (JPG, PNG, HEIC) or PDF, up to 10 MB.');
    const fr = await fixture<BalieDocuments>(html`<balie-documents lang="fr-BE" .client=${client}></balie-documents>`);
    await waitUntil(() => fr.shadowRoot!.querySelector('li'));
    expect(text(fr)).to.contain('Envoyer un fichier').and.contain('Télécharger');
  });

  it('opens the file picker from the keyboard, for photos and PDFs', async () => {
    const { client } = memoryClient();
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file')!;
    let opened = false;
    input.addEventListener('click', (event) => {
      opened = true;
      event.preventDefault();
    });
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send-button"]')!;
    button.focus();
    expect(el.shadowRoot!.activeElement).to.equal(button);
    button.click();
    expect(opened).to.equal(true);
    expect(input.accept).to.contain('image/heic').and.contain('application/pdf');
  });

  it('passes the a11y audit, with cards and an upload under way', async () => {
    const { client, uploads } = memoryClient([photo, pdf]);
    const el = await fixture<BalieDocuments>(html`<balie-documents .client=${client}></balie-documents>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length === 2);
    void el.send(file('foto.jpg', MB, 'image/jpeg'));
    await waitUntil(() => uploads.length === 1);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('refuseFile', () => {
  const cases: Array<[string, string, number, 'type' | 'size' | undefined]> = [
    ['foto.jpg', 'image/jpeg', 1000, undefined],
    ['IMG_0001.HEIC', '', 1000, undefined],
    ['scan.pdf', 'application/pdf', 10 * MB, undefined],
    ['scan.pdf', 'application/pdf', 10 * MB + 1, 'size'],
    ['pagina.html', 'text/html', 1000, 'type'],
  ];
  for (const [name, type, size, expected] of cases) {
    it(`${name} (${type || 'no type'}, ${size} B): ${expected ?? 'may be sent'}`, () => {
      expect(refuseFile({ name, type, size }, 10 * MB)).to.equal(expected);
    });
  }
});
