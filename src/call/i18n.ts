/** Texts of the call UI, shared by the citizen's widget and the employee console. */
const nl = {
  connecting: 'Het gesprek wordt verbonden…',
  reconnecting: 'De verbinding is even weg. We proberen het opnieuw…',
  you: 'U',
  citizen: 'Inwoner',
  employee: 'Medewerker',
  interpreter: 'Tolk',
  audioOnly: 'alleen geluid',
  micOn: 'Microfoon aanzetten',
  micOff: 'Microfoon uitzetten',
  cameraOn: 'Camera aanzetten',
  cameraOff: 'Camera uitzetten',
  leave: 'Ophangen',
  waitingForOther: 'Wachten tot de ander in beeld komt…',
  otherLeft: 'De ander heeft het gesprek verlaten.',
  startAudio: 'Geluid aanzetten',
  callRegion: 'Videogesprek',
  cameraFailed: 'Uw camera werkt niet. Het gesprek gaat door met alleen geluid.',
  joinFailed: 'We konden het gesprek niet starten.',
};
export type CallMessageKey = keyof typeof nl;

const en: Record<CallMessageKey, string> = {
  connecting: 'Connecting the call…',
  reconnecting: 'The connection is lost for a moment. Trying again…',
  you: 'You',
  citizen: 'Resident',
  employee: 'Employee',
  interpreter: 'Interpreter',
  audioOnly: 'sound only',
  micOn: 'Turn microphone on',
  micOff: 'Turn microphone off',
  cameraOn: 'Turn camera on',
  cameraOff: 'Turn camera off',
  leave: 'Hang up',
  waitingForOther: 'Waiting for the other person…',
  otherLeft: 'The other person left the call.',
  startAudio: 'Turn on sound',
  callRegion: 'Video call',
  cameraFailed: 'Your camera does not work. The call goes on with sound only.',
  joinFailed: 'We could not start the call.',
};

/** The call text for `key` in the language `lang` (primary subtag; Dutch by default). */
export function callText(lang: string, key: CallMessageKey): string {
  return (lang.toLowerCase().startsWith('en') ? en : nl)[key];
}
