import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../store/index.js';
import type { OutgoingMail } from './messages.js';

/** How the balie sends mail; `mail` in the server's options. Without it, mail is off. */
export interface MailOptions {
  /** An SMTP URL (`smtp://127.0.0.1:2525`, `smtps://user:pass@mail.example.nl`) as nodemailer takes it. */
  smtpUrl: string;
  /** The sender, e.g. `Gemeente Voorbeeldstad <noreply@voorbeeldstad.nl>`. */
  from: string;
  /** First wait before a failed send is tried again; doubles each time. Default 30 seconds. */
  retryDelayMs?: number;
  /** How often the outbox looks for mail that is due. Default 10 seconds. */
  pollIntervalMs?: number;
  /** After this many failed attempts a mail is given up (and stays in the table). Default 10. */
  maxAttempts?: number;
}

export type MailKind = 'booking.confirmed' | 'booking.cancelled' | 'booking.moved' | 'booking.reminder' | 'payment.receipt';

const plugin = 'balie-mail';

/**
 * Mail goes through a table: {@link MailOutbox.enqueue} writes it, a delivery pass sends what is
 * due and marks it sent, or schedules another attempt. So an unreachable mail server delays a
 * confirmation but never loses it, and the booking never waits for SMTP. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`: several instances share one outbox without sending a mail twice.
 */
export class MailOutbox {
  private readonly transport: Transporter;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly retryDelayMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly db: Db,
    private readonly options: MailOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transport = nodemailer.createTransport(options.smtpUrl);
    this.retryDelayMs = options.retryDelayMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  /** Starts the retry loop. */
  start(): void {
    this.timer = setInterval(() => this.deliver(), this.options.pollIntervalMs ?? 10_000);
    this.timer.unref();
  }

  /** Stops the loop and waits for a delivery pass under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.again = false;
    await this.running;
    this.transport.close();
  }

  /**
   * Puts a mail in the outbox and starts a delivery pass; the send itself is not awaited. With
   * `onceKey`, a mail with that key is queued once ever, whichever instance asks first: resolves
   * `false` when it was queued before.
   */
  async enqueue(kind: MailKind, bookingId: string, mail: OutgoingMail, onceKey?: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `INSERT INTO mail_outbox (kind, booking_id, message, once_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (once_key) DO NOTHING RETURNING id`,
      [kind, bookingId, JSON.stringify(mail), onceKey ?? null],
    );
    if (rows.length === 0) return false;
    this.deliver();
    return true;
  }

  /** Runs a delivery pass now, or right after the one under way; resolves when none is running. */
  deliver(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.deliverDue()
      .catch((error: unknown) => this.log.error({ err: error }, `${plugin}: the outbox could not be read`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.deliver();
        }
      });
    return this.running;
  }

  private async deliverDue(): Promise<void> {
    const { rows } = await this.db.query<{ id: string; kind: string; attempts: number; message: OutgoingMail }>(
      `UPDATE mail_outbox
       SET attempts = attempts + 1,
           next_attempt_at = now() + make_interval(secs => $1 * power(2, least(attempts, 10)))
       WHERE id IN (
         SELECT id FROM mail_outbox
         WHERE sent_at IS NULL AND message IS NOT NULL AND next_attempt_at <= now() AND attempts < $2
         ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
       RETURNING id::text, kind, attempts, message`,
      [this.retryDelayMs / 1000, this.maxAttempts],
    );
    for (const row of rows) await this.send(row);
  }

  private async send(row: { id: string; kind: string; attempts: number; message: OutgoingMail }): Promise<void> {
    const mail = row.message;
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.ics
          ? { attachments: [{ filename: 'afspraak.ics', content: mail.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] }
          : {}),
      });
    } catch (error) {
      // The SMTP error's text may quote the recipient's address: log its code only.
      const code = (error as { code?: string; responseCode?: number }).code ?? 'unknown';
      await this.db.query(`UPDATE mail_outbox SET last_error = $2 WHERE id = $1`, [row.id, code]);
      const last = row.attempts >= this.maxAttempts;
      this.log.warn(
        { mail: row.id, kind: row.kind, attempt: row.attempts, code },
        `${plugin}: sending failed (${code}); ${last ? 'giving up' : 'will try again'}`,
      );
      return;
    }
    // Sent: the body (with the manage link) has no reason to stay.
    await this.db.query(`UPDATE mail_outbox SET sent_at = now(), message = NULL, last_error = NULL WHERE id = $1`, [row.id]);
    this.log.info({ mail: row.id, kind: row.kind }, `${plugin}: sent`);
  }
}
