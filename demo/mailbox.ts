import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The demo's mail server: a real SMTP server on loopback that keeps what it receives. */
export interface DemoMailbox {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for the balie server's `mail.smtpUrl`. */
  url: string;
  messages: ParsedMail[];
  /** The received mails as a simple HTML page, newest first, every value escaped. */
  page(): string;
  close(): Promise<void>;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Starts the demo mailbox, so `npm start` sends booking mail through the production path
 * (nodemailer over SMTP) and shows it at the demo site's `/mailbox/`. Tests use it as their
 * real SMTP server; `port` (default: a free one) lets a test start it late on a known port.
 */
export async function startDemoMailbox(options: { port?: number } = {}): Promise<DemoMailbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    page() {
      const items = [...messages].reverse().map((mail) => {
        const to = escape(mail.to ? JSON.stringify((Array.isArray(mail.to) ? mail.to : [mail.to]).map((a) => a.text)) : '');
        const attachments = mail.attachments.map((a) => escape(a.filename ?? 'bijlage')).join(', ');
        // Links stay text: the page shows mail, it does not act on it. Copy the link to open it.
        return `<article><h2>${escape(mail.subject ?? '(geen onderwerp)')}</h2><p>Aan: ${to}</p>` +
          `<pre>${escape(mail.text ?? '')}</pre>${attachments ? `<p>Bijlagen: ${attachments}</p>` : ''}</article>`;
      });
      return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Postvak (demo)</title>` +
        `<link rel="stylesheet" href="/site.css"></head><body><main><h1>Postvak van de demo</h1>` +
        `<p>Alle e-mail die de balie in deze demo verstuurt. Vernieuw de pagina voor nieuwe berichten.</p>` +
        `${items.join('') || '<p>Nog geen berichten.</p>'}</main></body></html>`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
