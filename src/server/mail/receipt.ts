import type { BalieConfig, Lang, PaymentMethod } from '../../protocol/index.js';
import type { OutgoingMail } from './messages.js';

/** What a receipt says: the payment, as bookkeeping holds it. Never bank data. */
export interface ReceiptFacts {
  /** The payment's id at the balie: the reference to quote when asking about it. */
  id: string;
  description: string;
  /** Cents. */
  amount: number;
  method: PaymentMethod;
  paidAt: Date;
  /** Paid in a video call, or for an appointment when booking it (paid at booking). */
  paidFor: 'call' | 'booking';
}

// Plain language (B1): short sentences, one fact each.
const texts = {
  nl: {
    subject: (m: string) => `Bewijs van betaling aan ${m}`,
    hello: (name: string) => `Beste ${name},`,
    paid: (m: string) => `U heeft betaald in uw videogesprek met ${m}. Dit is uw bewijs van betaling.`,
    paidBooking: (m: string) => `U heeft uw afspraak bij ${m} betaald. Dit is uw bewijs van betaling.`,
    what: 'Waarvoor',
    amount: 'Bedrag',
    when: 'Betaald op',
    method: 'Betaald met',
    reference: 'Kenmerk',
    keep: 'Bewaar deze e-mail. Heeft u een vraag over deze betaling? Noem dan het kenmerk.',
    bye: (m: string) => `Met vriendelijke groet,\n${m}`,
    locale: 'nl-NL',
  },
  en: {
    subject: (m: string) => `Receipt for your payment to ${m}`,
    hello: (name: string) => `Dear ${name},`,
    paid: (m: string) => `You paid during your video call with ${m}. This is your receipt.`,
    paidBooking: (m: string) => `You paid for your appointment with ${m}. This is your receipt.`,
    what: 'For',
    amount: 'Amount',
    when: 'Paid on',
    method: 'Paid with',
    reference: 'Reference',
    keep: 'Please keep this e-mail. If you have a question about this payment, quote the reference.',
    bye: (m: string) => `Kind regards,\n${m}`,
    locale: 'en-GB',
  },
  fr: {
    subject: (m: string) => `Reçu de votre paiement à ${m}`,
    hello: (name: string) => `Bonjour ${name},`,
    paid: (m: string) => `Vous avez payé pendant votre appel vidéo avec ${m}. Voici votre reçu.`,
    paidBooking: (m: string) => `Vous avez payé votre rendez-vous avec ${m}. Voici votre reçu.`,
    what: 'Pour',
    amount: 'Montant',
    when: 'Payé le',
    method: 'Payé avec',
    reference: 'Référence',
    keep: 'Gardez cet e-mail. Pour toute question sur ce paiement, indiquez la référence.',
    bye: (m: string) => `Cordialement,\n${m}`,
    locale: 'fr-BE',
  },
} satisfies Record<Lang, unknown>;

const methodNames: Record<PaymentMethod, string> = { ideal: 'iDEAL', bancontact: 'Bancontact' };

/** The receipt mail in the citizen's language, to the address of their booking. */
export function receiptMail(to: { email: string; name: string; lang: Lang }, payment: ReceiptFacts, config: BalieConfig): OutgoingMail {
  const t = texts[to.lang];
  const m = config.municipality.name;
  const timeZone = config.openingHours?.timeZone ?? 'Europe/Amsterdam';
  const amount = new Intl.NumberFormat(t.locale, { style: 'currency', currency: 'EUR' }).format(payment.amount / 100);
  const when = new Intl.DateTimeFormat(t.locale, { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(payment.paidAt);
  const lines = [
    t.hello(to.name),
    '',
    payment.paidFor === 'booking' ? t.paidBooking(m) : t.paid(m),
    '',
    `${t.what}: ${payment.description}`,
    `${t.amount}: ${amount}`,
    `${t.when}: ${when}`,
    `${t.method}: ${methodNames[payment.method]}`,
    `${t.reference}: ${payment.id}`,
    '',
    t.keep,
    '',
    t.bye(m),
  ];
  return { to: to.email, subject: t.subject(m), text: lines.join('\n') };
}
