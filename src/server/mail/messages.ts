import type { BalieConfig, Product } from '../../protocol/index.js';
import { BOOKING_MANAGE_PARAM } from '../../protocol/index.js';
import type { BookingRecord } from '../booking/booking-store.js';

/** A mail ready for the outbox: plain text, with the calendar file when there is one. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** iCalendar text, attached as `afspraak.ics`. */
  ics?: string;
}

type Lang = BookingRecord['lang'];

// Plain language (B1): short sentences, one fact each, the action first.
const texts = {
  nl: {
    confirmed: (m: string) => `Uw video-afspraak met ${m}`,
    moved: (m: string) => `Uw video-afspraak met ${m} is verzet`,
    cancelled: (m: string) => `Uw video-afspraak met ${m} is geannuleerd`,
    hello: (name: string) => `Beste ${name},`,
    booked: (p: string, when: string) => `U heeft een video-afspraak voor "${p}" op ${when}.`,
    movedTo: (p: string, when: string) => `Uw video-afspraak voor "${p}" is nu op ${when}.`,
    cancelledText: (p: string, when: string) => `Uw video-afspraak voor "${p}" op ${when} is geannuleerd. U hoeft niets meer te doen.`,
    join: 'Open deze link op het tijdstip van de afspraak. Daar kunt u ook de afspraak verzetten of annuleren:',
    bring: 'Zorg dat u dit bij de hand heeft:',
    calendar: 'In de bijlage zit de afspraak voor uw agenda.',
    again: 'Wilt u toch een afspraak? Maak dan een nieuwe afspraak:',
    bye: (m: string) => `Met vriendelijke groet,\n${m}`,
    locale: 'nl-NL',
  },
  en: {
    confirmed: (m: string) => `Your video appointment with ${m}`,
    moved: (m: string) => `Your video appointment with ${m} has moved`,
    cancelled: (m: string) => `Your video appointment with ${m} is cancelled`,
    hello: (name: string) => `Dear ${name},`,
    booked: (p: string, when: string) => `You have a video appointment for "${p}" on ${when}.`,
    movedTo: (p: string, when: string) => `Your video appointment for "${p}" is now on ${when}.`,
    cancelledText: (p: string, when: string) => `Your video appointment for "${p}" on ${when} is cancelled. You do not need to do anything else.`,
    join: 'Open this link at the time of the appointment. You can also move or cancel the appointment there:',
    bring: 'Please have this at hand:',
    calendar: 'The attachment adds the appointment to your calendar.',
    again: 'Do you still want an appointment? Make a new one here:',
    bye: (m: string) => `Kind regards,\n${m}`,
    locale: 'en-GB',
  },
  fr: {
    confirmed: (m: string) => `Votre rendez-vous vidéo avec ${m}`,
    moved: (m: string) => `Votre rendez-vous vidéo avec ${m} a été déplacé`,
    cancelled: (m: string) => `Votre rendez-vous vidéo avec ${m} est annulé`,
    hello: (name: string) => `Bonjour ${name},`,
    booked: (p: string, when: string) => `Vous avez un rendez-vous vidéo pour « ${p} » le ${when}.`,
    movedTo: (p: string, when: string) => `Votre rendez-vous vidéo pour « ${p} » est maintenant le ${when}.`,
    cancelledText: (p: string, when: string) => `Votre rendez-vous vidéo pour « ${p} » le ${when} est annulé. Vous n'avez rien d'autre à faire.`,
    join: "Ouvrez ce lien à l'heure du rendez-vous. Vous pouvez aussi y déplacer ou annuler le rendez-vous :",
    bring: 'Ayez ceci à portée de main :',
    calendar: 'La pièce jointe ajoute le rendez-vous à votre agenda.',
    again: 'Vous voulez quand même un rendez-vous ? Prenez-en un nouveau ici :',
    bye: (m: string) => `Cordialement,\n${m}`,
    locale: 'fr-BE',
  },
} satisfies Record<Lang, unknown>;

/** "dinsdag 24 november 2026 om 09:00" in the booking's language and the municipality's zone. */
export function formatWhen(date: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(texts[lang].locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** The page the booking was made on, with the manage secret in the fragment (never sent to a server). */
export function manageLink(pageUrl: string, manageSecret: string): string {
  const url = new URL(pageUrl);
  url.hash = `${BOOKING_MANAGE_PARAM}=${manageSecret}`;
  return url.href;
}

interface Context {
  booking: BookingRecord;
  config: BalieConfig;
  product: Product | undefined;
}

function when({ booking, config }: Context): string {
  return formatWhen(booking.start, booking.lang, config.openingHours?.timeZone ?? 'Europe/Amsterdam');
}

/** The confirmation (or, with `moved`, the new time): when, what to bring, the manage link. */
export function confirmationMail(ctx: Context, manageSecret: string, ics: string, moved = false): OutgoingMail {
  const t = texts[ctx.booking.lang];
  const m = ctx.config.municipality.name;
  const productName = ctx.product?.name ?? ctx.booking.product;
  const bring = ctx.product?.bring ?? [];
  const lines = [
    t.hello(ctx.booking.name),
    '',
    moved ? t.movedTo(productName, when(ctx)) : t.booked(productName, when(ctx)),
    '',
    t.join,
    manageLink(ctx.booking.pageUrl, manageSecret),
    ...(bring.length > 0 ? ['', t.bring, ...bring.map((item) => `- ${item}`)] : []),
    '',
    t.calendar,
    '',
    t.bye(m),
  ];
  return { to: ctx.booking.email, subject: moved ? t.moved(m) : t.confirmed(m), text: lines.join('\n'), ics };
}

/** The cancellation: which appointment, nothing left to do, where to book again. */
export function cancellationMail(ctx: Context): OutgoingMail {
  const t = texts[ctx.booking.lang];
  const m = ctx.config.municipality.name;
  const productName = ctx.product?.name ?? ctx.booking.product;
  const lines = [t.hello(ctx.booking.name), '', t.cancelledText(productName, when(ctx)), '', t.again, ctx.booking.pageUrl, '', t.bye(m)];
  return { to: ctx.booking.email, subject: t.cancelled(m), text: lines.join('\n') };
}
