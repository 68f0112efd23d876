import type { Lang } from '../../i18n/messages.js';

/** Texts of paying while booking (issue 16), in plain language (B1). Dutch is the source. */
export const nl = {
  bookingPayHeading: 'Betaal uw afspraak',
  bookingPayWhen: '{product} op {day} om {time}.',
  bookingPayHeld: 'We houden deze tijd voor u vast tot {time}. Betaal voor die tijd. Daarna staat uw afspraak vast.',
  bookingPayFor: 'Waarvoor',
  bookingPayAmount: 'Bedrag',
  bookingPayIdeal: 'Betalen met iDEAL',
  bookingPayBancontact: 'Betalen met Bancontact',
  bookingPayNewTab: 'De betaalpagina opent in een nieuw tabblad. Kom daarna terug naar dit tabblad.',
  bookingPayWaiting: 'Betaal in het andere tabblad. Hier ziet u daarna of het gelukt is.',
  bookingPayStarting: 'Even geduld. We maken de betaling klaar…',
  bookingPayPaid: 'Betaald — uw afspraak staat vast.',
  bookingPayFailed: 'Niet gelukt — opnieuw proberen',
  bookingPayFailedText: 'De betaling is niet gelukt. U heeft niets betaald. De tijd blijft nog vastgehouden tot {time}.',
  bookingPayRetry: 'Opnieuw proberen',
  bookingPayBusy: 'Even geduld…',
  bookingPayProviderDown: 'Betalen kan nu even niet. Probeer het over een paar minuten opnieuw.',
  bookingPayProblem: 'Dat lukte niet. Probeer het opnieuw.',
  bookingPayExpiredHeading: 'De tijd om te betalen is voorbij',
  bookingPayExpiredText: 'U heeft niet op tijd betaald. Daarom is deze tijd weer vrijgegeven. U heeft geen afspraak. Heeft u toch betaald? Dan krijgt u het geld terug.',
  bookingPayNewTime: 'Kies een nieuwe tijd',
};

export type BookingPaymentMessageKey = keyof typeof nl;

const en: Record<BookingPaymentMessageKey, string> = {
  bookingPayHeading: 'Pay for your appointment',
  bookingPayWhen: '{product} on {day} at {time}.',
  bookingPayHeld: 'We keep this time for you until {time}. Please pay before then. Then your appointment is confirmed.',
  bookingPayFor: 'For',
  bookingPayAmount: 'Amount',
  bookingPayIdeal: 'Pay with iDEAL',
  bookingPayBancontact: 'Pay with Bancontact',
  bookingPayNewTab: 'The payment page opens in a new tab. Come back to this tab afterwards.',
  bookingPayWaiting: 'Pay in the other tab. You will see here if it worked.',
  bookingPayStarting: 'Please wait. We are preparing the payment…',
  bookingPayPaid: 'Paid — your appointment is confirmed.',
  bookingPayFailed: 'Did not work — try again',
  bookingPayFailedText: 'The payment did not go through. You have not paid anything. We still keep the time for you until {time}.',
  bookingPayRetry: 'Try again',
  bookingPayBusy: 'Please wait…',
  bookingPayProviderDown: 'Paying is not possible right now. Please try again in a few minutes.',
  bookingPayProblem: 'That did not work. Please try again.',
  bookingPayExpiredHeading: 'The time to pay has ended',
  bookingPayExpiredText: 'You did not pay in time. So this time is free again for others. You have no appointment. Did you pay after all? Then you get the money back.',
  bookingPayNewTime: 'Choose a new time',
};

const fr: Record<BookingPaymentMessageKey, string> = {
  bookingPayHeading: 'Payez votre rendez-vous',
  bookingPayWhen: '{product} le {day} à {time}.',
  bookingPayHeld: "Nous gardons cette heure pour vous jusqu'à {time}. Payez avant. Ensuite, votre rendez-vous est confirmé.",
  bookingPayFor: 'Pour',
  bookingPayAmount: 'Montant',
  bookingPayIdeal: 'Payer avec iDEAL',
  bookingPayBancontact: 'Payer avec Bancontact',
  bookingPayNewTab: "La page de paiement s'ouvre dans un nouvel onglet. Revenez ensuite dans cet onglet.",
  bookingPayWaiting: "Payez dans l'autre onglet. Vous verrez ici si le paiement a réussi.",
  bookingPayStarting: 'Un instant. Nous préparons le paiement…',
  bookingPayPaid: 'Payé — votre rendez-vous est confirmé.',
  bookingPayFailed: 'Échec — réessayer',
  bookingPayFailedText: "Le paiement n'a pas abouti. Vous n'avez rien payé. Nous gardons encore l'heure pour vous jusqu'à {time}.",
  bookingPayRetry: 'Réessayer',
  bookingPayBusy: 'Un instant…',
  bookingPayProviderDown: "Le paiement n'est pas possible pour le moment. Réessayez dans quelques minutes.",
  bookingPayProblem: "Cela n'a pas marché. Réessayez.",
  bookingPayExpiredHeading: 'Le délai pour payer est passé',
  bookingPayExpiredText: "Vous n'avez pas payé à temps. Cette heure est donc de nouveau libre. Vous n'avez pas de rendez-vous. Vous avez quand même payé ? Vous serez remboursé.",
  bookingPayNewTime: 'Choisir une nouvelle heure',
};

export const bookingPaymentCatalogs: Record<Lang, Record<BookingPaymentMessageKey, string>> = { nl, en, fr };
