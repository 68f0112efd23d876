import type { Lang } from '../../i18n/messages.js';

/** Texts of the payment card (issue 16), in plain language (B1). */
export const nl = {
  paymentHeading: 'Betalen',
  paymentAsked: 'De medewerker vraagt u om te betalen.',
  paymentFor: 'Waarvoor',
  paymentAmount: 'Bedrag',
  paymentPayIdeal: 'Betalen met iDEAL',
  paymentPayBancontact: 'Betalen met Bancontact',
  paymentNewTab: 'De betaalpagina opent in een nieuw tabblad. Het gesprek gaat gewoon door.',
  paymentWaiting: 'Betaal in het andere tabblad. Hier ziet u daarna of het gelukt is.',
  paymentPaid: 'Betaald',
  paymentPaidText: 'Dank u wel. De betaling is gelukt.',
  paymentFailed: 'Niet gelukt',
  paymentFailedText: 'De betaling is niet gelukt. U heeft niets betaald.',
  paymentRetry: 'Opnieuw proberen',
  paymentRetryBusy: 'Even geduld…',
  paymentProviderDown: 'Betalen kan nu even niet. Probeer het over een paar minuten opnieuw.',
  paymentRetryFailed: 'Dat lukte niet. Probeer het opnieuw.',
  paymentNewsAsked: 'De medewerker vraagt u te betalen: {what}, {amount}.',
  paymentNewsPaid: 'Betaald: {what}, {amount}.',
  paymentNewsFailed: 'Betalen is niet gelukt: {what}. U kunt het opnieuw proberen.',
};

export type PaymentMessageKey = keyof typeof nl;

const en: Record<PaymentMessageKey, string> = {
  paymentHeading: 'Payment',
  paymentAsked: 'The employee asks you to pay.',
  paymentFor: 'For',
  paymentAmount: 'Amount',
  paymentPayIdeal: 'Pay with iDEAL',
  paymentPayBancontact: 'Pay with Bancontact',
  paymentNewTab: 'The payment page opens in a new tab. The call goes on.',
  paymentWaiting: 'Pay in the other tab. You will see here if it worked.',
  paymentPaid: 'Paid',
  paymentPaidText: 'Thank you. The payment went through.',
  paymentFailed: 'Did not work',
  paymentFailedText: 'The payment did not go through. You have not paid anything.',
  paymentRetry: 'Try again',
  paymentRetryBusy: 'Please wait…',
  paymentProviderDown: 'Paying is not possible right now. Please try again in a few minutes.',
  paymentRetryFailed: 'That did not work. Please try again.',
  paymentNewsAsked: 'The employee asks you to pay: {what}, {amount}.',
  paymentNewsPaid: 'Paid: {what}, {amount}.',
  paymentNewsFailed: 'The payment did not work: {what}. You can try again.',
};

const fr: Record<PaymentMessageKey, string> = {
  paymentHeading: 'Paiement',
  paymentAsked: "L'agent vous demande de payer.",
  paymentFor: 'Pour',
  paymentAmount: 'Montant',
  paymentPayIdeal: 'Payer avec iDEAL',
  paymentPayBancontact: 'Payer avec Bancontact',
  paymentNewTab: "La page de paiement s'ouvre dans un nouvel onglet. L'appel continue.",
  paymentWaiting: "Payez dans l'autre onglet. Vous verrez ici si le paiement a réussi.",
  paymentPaid: 'Payé',
  paymentPaidText: 'Merci. Le paiement a réussi.',
  paymentFailed: 'Échec',
  paymentFailedText: "Le paiement n'a pas abouti. Vous n'avez rien payé.",
  paymentRetry: 'Réessayer',
  paymentRetryBusy: 'Un instant…',
  paymentProviderDown: "Le paiement n'est pas possible pour le moment. Réessayez dans quelques minutes.",
  paymentRetryFailed: "Cela n'a pas marché. Réessayez.",
  paymentNewsAsked: "L'agent vous demande de payer : {what}, {amount}.",
  paymentNewsPaid: 'Payé : {what}, {amount}.',
  paymentNewsFailed: "Le paiement n'a pas abouti : {what}. Vous pouvez réessayer.",
};

export const paymentCatalogs: Record<Lang, Record<PaymentMessageKey, string>> = { nl, en, fr };
