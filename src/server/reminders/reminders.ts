import type { FastifyBaseLogger } from 'fastify';
import type { BalieConfig } from '../../protocol/index.js';
import { DEFAULT_JOIN_EARLY_MINUTES } from '../booking/slots.js';
import type { MailOutbox } from '../mail/index.js';
import { reminderMail, reminderSms, type MailContext } from '../mail/messages.js';
import type { Db } from '../store/index.js';
import {
  claimSms,
  dueMailReminders,
  dueSmsReminders,
  forgetSpentSecrets,
  mailReminderKey,
  markSmsSent,
  releaseSms,
  type DueBooking,
} from './reminder-store.js';
import type { SecretSeal } from './secret-seal.js';
import { maskPhone, type SmsProvider } from './sms.js';

/** The mail goes a day ahead, the text message an hour ahead. */
export const MAIL_LEAD_SECONDS = 24 * 60 * 60;
export const SMS_LEAD_SECONDS = 60 * 60;

/** What a reminder pass needs. */
export interface ReminderDeps {
  db: Db;
  config: BalieConfig;
  /** Without it there is no mail, so no mail reminder either. */
  outbox?: MailOutbox;
  sms: SmsProvider;
  seal: SecretSeal;
  log: FastifyBaseLogger;
}

/** What one pass did. */
export interface ReminderCounts {
  mails: number;
  texts: number;
  failedTexts: number;
}

const plugin = 'balie-reminders';

/**
 * Sends every reminder due at `now`, each once: a mail into the outbox under a key no second
 * instance (or pass) can queue again — a mail server that is down delays it, the outbox retries —
 * and a text message claimed in `sms_reminder` before it is sent. A cancelled, joined or
 * unconfirmed booking gets none. Safe to run on every instance at once.
 */
export async function sendDueReminders(deps: ReminderDeps, now: number): Promise<ReminderCounts> {
  const at = new Date(now);
  const counts: ReminderCounts = { mails: 0, texts: 0, failedTexts: 0 };
  const early = deps.config.openingHours?.joinEarlyMinutes ?? DEFAULT_JOIN_EARLY_MINUTES;
  if (deps.outbox) {
    for (const booking of await dueMailReminders(deps.db, at, MAIL_LEAD_SECONDS)) {
      const mail = reminderMail(context(deps, booking), openSecret(deps, booking), early);
      if (await deps.outbox.enqueue('booking.reminder', booking.id, mail, mailReminderKey(booking.id, booking.start))) counts.mails++;
    }
  }
  for (const booking of await dueSmsReminders(deps.db, at, SMS_LEAD_SECONDS)) {
    if (!(await claimSms(deps.db, booking.id, booking.start))) continue;
    try {
      await deps.sms.send({ to: booking.phone!, text: reminderSms(context(deps, booking), openSecret(deps, booking)), bookingId: booking.id });
    } catch (error) {
      counts.failedTexts++;
      await releaseSms(deps.db, booking.id, booking.start);
      deps.log.warn(
        { booking: booking.id, to: maskPhone(booking.phone!), provider: deps.sms.name, err: error },
        `${plugin}: the text message was not accepted; trying again on the next pass`,
      );
      continue;
    }
    await markSmsSent(deps.db, booking.id, booking.start);
    counts.texts++;
  }
  await forgetSpentSecrets(deps.db, at);
  return counts;
}

function context(deps: ReminderDeps, booking: DueBooking): MailContext {
  return { booking, config: deps.config, product: deps.config.products.find((p) => p.id === booking.product) };
}

function openSecret(deps: ReminderDeps, booking: DueBooking): string | undefined {
  const secret = booking.reminderSecret ? deps.seal.open(booking.reminderSecret) : undefined;
  if (booking.reminderSecret && !secret) {
    deps.log.warn({ booking: booking.id }, `${plugin}: the manage secret could not be unsealed (another server key); the reminder points to the confirmation mail`);
  }
  return secret;
}
