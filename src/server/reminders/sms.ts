import type { FastifyBaseLogger } from 'fastify';

/** One text message to a citizen. */
export interface SmsMessage {
  /** The number as the citizen typed it (`06 12345678`, `+32 470 12 34 56`). */
  to: string;
  text: string;
  /** The booking it is about, for the provider's own records and logs. */
  bookingId: string;
}

/**
 * How the balie sends text messages. A provider (MessageBird, Spryng, CM.com, …) implements
 * `send` and is passed to the server as `sms`; `send` rejects when the message was not accepted,
 * and the reminder is tried again on the next pass while it is still useful.
 */
export interface SmsProvider {
  /** For logs: which provider sent it. */
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

/** `0612345678` → `********78`: enough to tell two numbers apart in a log, not to call one. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/**
 * The built-in provider, for where there is no phone network (development, the demo, tests): it
 * writes one log line per message with the number masked and without the text, which holds the
 * manage link.
 */
export function logSmsProvider(log: FastifyBaseLogger): SmsProvider {
  return {
    name: 'log',
    async send(message) {
      log.info(
        { sms: { to: maskPhone(message.to), characters: message.text.length }, booking: message.bookingId },
        'balie-sms: text message (log provider: not sent to a phone)',
      );
    },
  };
}
