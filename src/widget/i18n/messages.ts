/**
 * The texts of the launcher and of the outcomes (ended, errors): what the first script needs. The
 * stages' own texts live in their chunk (`stages/stage-messages.ts`). Plain language (B1). Dutch is the source; each other language
 * must have every key (the type makes a missing translation a compile error).
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

export const en: Messages = {
  loading: 'Loading the video counter…',
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

export const catalogs = { nl, en } as const;
export type Lang = keyof typeof catalogs;
