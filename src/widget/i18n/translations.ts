import type { Lang } from '../../protocol/lang.js';
import { loadingTexts, type Messages } from './messages.js';

/**
 * The launcher's and outcomes' texts in every language but Dutch: a chunk of their own, fetched
 * only when the widget speaks one of them, so a Dutch page view does not pay for them.
 */
const en: Messages = {
  loading: loadingTexts.en,
  configError: 'The video counter is not working right now. Please try again later, or call the municipality.',
  productUnknown: 'We cannot help with this subject by video right now. Please call the municipality.',
  launcherIntro: 'Talk to an employee of {municipality} by video.',
  launcherButton: 'Video call',
  ticketUnknown: 'We cannot find your place in the waiting room. Please start again.',
  ticketExpired: 'You waited too long. Your place in the waiting room has expired. Please start again.',
  ticketEnded: 'This call has already ended.',
  networkError: 'There is no connection with the municipality. Check your internet and try again.',
  genericError: 'Something went wrong. Please try again.',
  startAgain: 'Start again',
  endedHeading: 'The call has ended',
  endedByEmployee: 'The employee ended the call. Thank you for calling.',
  endedByYou: 'You ended the call. Thank you for calling.',
  leftQueue: 'You left the waiting room.',
  replacedElsewhere: 'You continued in another window or on another device.',
};

const fr: Messages = {
  loading: loadingTexts.fr,
  configError: 'Le guichet vidéo ne fonctionne pas pour le moment. Réessayez plus tard, ou appelez la commune.',
  productUnknown: 'Nous ne pouvons pas vous aider pour ce sujet par vidéo pour le moment. Appelez la commune.',
  launcherIntro: 'Parlez en vidéo avec un agent de {municipality}.',
  launcherButton: 'Appel vidéo',
  ticketUnknown: 'Nous ne trouvons pas votre place dans la salle d’attente. Recommencez.',
  ticketExpired: 'Vous avez attendu trop longtemps. Votre place dans la salle d’attente a expiré. Recommencez.',
  ticketEnded: 'Cet appel est déjà terminé.',
  networkError: 'Il n’y a pas de connexion avec la commune. Vérifiez votre internet et réessayez.',
  genericError: 'Un problème est survenu. Réessayez.',
  startAgain: 'Recommencer',
  endedHeading: 'L’appel est terminé',
  endedByEmployee: 'L’agent a terminé l’appel. Merci de votre appel.',
  endedByYou: 'Vous avez terminé l’appel. Merci de votre appel.',
  leftQueue: 'Vous avez quitté la salle d’attente.',
  replacedElsewhere: 'Vous avez continué dans une autre fenêtre ou sur un autre appareil.',
};

/** Every language but Dutch (which is in the first script): the type names a missing one. */
export const translations: Record<Exclude<Lang, 'nl'>, Messages> = { en, fr };
