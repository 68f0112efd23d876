import type { BalieConfig, Lang, Product } from '../../protocol/index.js';
import { BOOKING_MANAGE_PARAM, localize } from '../../protocol/index.js';
import type { BookingRecord } from '../booking/booking-store.js';

/** A mail ready for the outbox: plain text, with the calendar file when there is one. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** iCalendar text, attached as `afspraak.ics`. */
  ics?: string;
}

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
    reminderSubject: (m: string) => `Herinnering: uw video-afspraak met ${m}`,
    reminderWhen: (p: string, when: string) => `Dit is een herinnering. U heeft een video-afspraak voor "${p}" op ${when}.`,
    reminderPrepare: (early: number) => `Zo bereidt u zich voor: open de link hieronder. Vanaf ${early} minuten voor de afspraak gaat u naar de wachtkamer. Eerst test u daar uw camera en microfoon.`,
    reminderCancel: 'Kunt u niet? Verzet of annuleer de afspraak met dezelfde link. Dan is de tijd weer vrij voor iemand anders.',
    reminderNoLink: 'Gebruik de link in de bevestigingsmail om mee te doen, te verzetten of te annuleren.',
    sms: (m: string, p: string, time: string, link: string) => `${m}: uw video-afspraak (${p}) begint om ${time}. Test uw camera en doe mee: ${link} Kunt u niet? Annuleer met dezelfde link.`,
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
    reminderSubject: (m: string) => `Reminder: your video appointment with ${m}`,
    reminderWhen: (p: string, when: string) => `This is a reminder. You have a video appointment for "${p}" on ${when}.`,
    reminderPrepare: (early: number) => `To prepare, open the link below. From ${early} minutes before the appointment you can go to the waiting room. There you first test your camera and microphone.`,
    reminderCancel: 'Can you not make it? Move or cancel the appointment with the same link. Then the time is free for someone else.',
    reminderNoLink: 'Use the link in the confirmation e-mail to join, move or cancel.',
    sms: (m: string, p: string, time: string, link: string) => `${m}: your video appointment (${p}) starts at ${time}. Test your camera and join: ${link} Can you not make it? Cancel with the same link.`,
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
    reminderSubject: (m: string) => `Rappel : votre rendez-vous vidéo avec ${m}`,
    reminderWhen: (p: string, when: string) => `Ceci est un rappel. Vous avez un rendez-vous vidéo pour « ${p} » le ${when}.`,
    reminderPrepare: (early: number) => `Pour vous préparer, ouvrez le lien ci-dessous. À partir de ${early} minutes avant le rendez-vous, vous allez à la salle d'attente. Vous y testez d'abord votre caméra et votre micro.`,
    reminderCancel: "Vous ne pouvez pas venir ? Déplacez ou annulez le rendez-vous avec le même lien. L'heure sera libre pour quelqu'un d'autre.",
    reminderNoLink: "Utilisez le lien de l'e-mail de confirmation pour participer, déplacer ou annuler.",
    sms: (m: string, p: string, time: string, link: string) => `${m} : votre rendez-vous vidéo (${p}) commence à ${time}. Testez votre caméra et participez : ${link} Vous ne pouvez pas venir ? Annulez avec le même lien.`,
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

/** What a booking mail is written from. */
export interface MailContext {
  booking: BookingRecord;
  config: BalieConfig;
  product: Product | undefined;
}

function when({ booking, config }: MailContext): string {
  return formatWhen(booking.start, booking.lang, config.openingHours?.timeZone ?? 'Europe/Amsterdam');
}

/** The product's name in the booking's language (its id if the config no longer has it). */
function productName({ booking, product }: MailContext): string {
  return product ? localize(product.name, booking.lang) : booking.product;
}

/** The "have this at hand" lines in the booking's language, with their heading; none if nothing. */
function bringLines({ booking, product }: MailContext): string[] {
  const bring = product?.bring ?? [];
  return bring.length > 0 ? ['', texts[booking.lang].bring, ...bring.map((item) => `- ${localize(item, booking.lang)}`)] : [];
}

/** The confirmation (or, with `moved`, the new time): when, what to bring, the manage link. */
export function confirmationMail(ctx: MailContext, manageSecret: string, ics: string, moved = false): OutgoingMail {
  const t = texts[ctx.booking.lang];
  const m = ctx.config.municipality.name;
  const lines = [
    t.hello(ctx.booking.name),
    '',
    moved ? t.movedTo(productName(ctx), when(ctx)) : t.booked(productName(ctx), when(ctx)),
    '',
    t.join,
    manageLink(ctx.booking.pageUrl, manageSecret),
    ...bringLines(ctx),
    '',
    t.calendar,
    '',
    t.bye(m),
  ];
  return { to: ctx.booking.email, subject: moved ? t.moved(m) : t.confirmed(m), text: lines.join('\n'), ics };
}

/** The cancellation: which appointment, nothing left to do, where to book again. */
export function cancellationMail(ctx: MailContext): OutgoingMail {
  const t = texts[ctx.booking.lang];
  const m = ctx.config.municipality.name;
  const lines = [t.hello(ctx.booking.name), '', t.cancelledText(productName(ctx), when(ctx)), '', t.again, ctx.booking.pageUrl, '', t.bye(m)];
  return { to: ctx.booking.email, subject: t.cancelled(m), text: lines.join('\n') };
}

/**
 * The reminder the day before: when, how to prepare (the camera check comes before the waiting
 * room), what to bring, and the manage link to join, move or cancel. `manageSecret` is absent
 * when it could not be unsealed (the server's key changed): then the mail points to the
 * confirmation's link instead.
 */
export function reminderMail(ctx: MailContext, manageSecret: string | undefined, joinEarlyMinutes: number): OutgoingMail {
  const t = texts[ctx.booking.lang];
  const m = ctx.config.municipality.name;
  const link = manageSecret ? [t.reminderPrepare(joinEarlyMinutes), manageLink(ctx.booking.pageUrl, manageSecret), '', t.reminderCancel] : [t.reminderNoLink];
  const lines = [
    t.hello(ctx.booking.name),
    '',
    t.reminderWhen(productName(ctx), when(ctx)),
    '',
    ...link,
    ...bringLines(ctx),
    '',
    t.bye(m),
  ];
  return { to: ctx.booking.email, subject: t.reminderSubject(m), text: lines.join('\n') };
}

/** The text message an hour before: short, no name, the time and the manage link (or the page). */
export function reminderSms(ctx: MailContext, manageSecret: string | undefined): string {
  const t = texts[ctx.booking.lang];
  const time = new Intl.DateTimeFormat(t.locale, {
    timeZone: ctx.config.openingHours?.timeZone ?? 'Europe/Amsterdam',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ctx.booking.start);
  const link = manageSecret ? manageLink(ctx.booking.pageUrl, manageSecret) : ctx.booking.pageUrl;
  return t.sms(ctx.config.municipality.name, productName(ctx), time, link);
}
