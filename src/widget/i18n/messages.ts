import type { Lang } from '../../protocol/lang.js';

/**
 * The texts of the launcher and of the outcomes (ended, errors): what the first script needs. The
 * stages' own texts live in their chunk (`stages/stage-messages.ts`). Plain language (B1). Dutch is
 * the source and the only catalog in the first script; English and French are in `translations.ts`,
 * a chunk fetched only for those languages (the type makes a missing translation a compile error).
 */
export const nl = {
  loading: 'De videobalie wordt geladen…',
  configError: 'De videobalie werkt nu niet. Probeer het later nog eens, of bel de gemeente.',
  productUnknown: 'Dit onderwerp kunnen we nu niet via video helpen. Bel de gemeente.',
  launcherIntro: 'Praat via video met een medewerker van {municipality}.',
  launcherButton: 'Videobellen',
  ticketUnknown: 'We kunnen uw plek in de wachtkamer niet vinden. Begin opnieuw.',
  ticketExpired: 'U heeft te lang gewacht. Uw plek in de wachtkamer is verlopen. Begin opnieuw.',
  ticketEnded: 'Dit gesprek is al afgelopen.',
  networkError: 'Er is geen verbinding met de gemeente. Controleer uw internet en probeer het opnieuw.',
  genericError: 'Er ging iets mis. Probeer het opnieuw.',
  startAgain: 'Opnieuw beginnen',
  endedHeading: 'Het gesprek is beëindigd',
  endedByEmployee: 'De medewerker heeft het gesprek beëindigd. Bedankt voor het bellen.',
  endedByYou: 'U heeft het gesprek beëindigd. Bedankt voor het bellen.',
  leftQueue: 'U heeft de wachtkamer verlaten.',
  replacedElsewhere: 'U bent verder gegaan in een ander venster of op een ander apparaat.',
};

export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;

/** The widget's languages are the protocol's list (`src/protocol/lang.ts`). */
export type { Lang } from '../../protocol/lang.js';

/**
 * The loading text in every language, in the first script: while the other texts of English or
 * French arrive (`translations.ts`, a tiny chunk), the citizen reads this, never Dutch or a blank box.
 */
export const loadingTexts: Record<Lang, string> = {
  nl: nl.loading,
  en: 'Loading the video counter…',
  fr: 'Chargement du guichet vidéo…',
};
