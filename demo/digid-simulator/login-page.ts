import type { ProviderProfile } from './profiles.js';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** What the login page shows for one pending login. */
export interface LoginPageInput {
  profile: ProviderProfile;
  /** The interaction's id; the form posts to `/interaction/<uid>/login` or `/abort`. */
  uid: string;
  /** Which relying party asked, for the heading. */
  clientId: string;
  /** The `acr` the relying party asked for, preselected; the tester may pick another. */
  requestedAcr: string | undefined;
}

/**
 * The simulator's login page: pick a test person and a level of assurance, or cancel. Plain HTML
 * forms so a test can fill it by posting `person` and `acr`, and a person can use it by keyboard.
 */
export function renderLoginPage({ profile, uid, clientId, requestedAcr }: LoginPageInput): string {
  const persons = profile.persons
    .map(
      (person, i) => `
      <label><input type="radio" name="person" value="${escapeHtml(person.nationalNumber)}"${i === 0 ? ' checked' : ''}>
        ${escapeHtml(person.label)}</label>`,
    )
    .join('');
  const selected = requestedAcr ?? profile.acrValues.at(-1)!.acr;
  const levels = profile.acrValues
    .map(
      (option) =>
        `<option value="${escapeHtml(option.acr)}"${option.acr === selected ? ' selected' : ''}>${escapeHtml(option.label)}</option>`,
    )
    .join('');
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inloggen — ${escapeHtml(profile.title)}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.4rem 0}button{font:inherit;padding:.5rem 1.2rem;margin:1rem .5rem 0 0}</style>
</head>
<body>
<main>
  <h1>${escapeHtml(profile.title)}</h1>
  <p>Testomgeving. U logt in bij <strong>${escapeHtml(clientId)}</strong>. Kies een testpersoon.</p>
  <form method="post" action="${base}/login">
    <fieldset><legend>Testpersoon</legend>${persons}
    </fieldset>
    <label>Betrouwbaarheidsniveau <select name="acr">${levels}</select></label>
    <button type="submit">Inloggen</button>
  </form>
  <form method="post" action="${base}/abort"><button type="submit">Annuleren</button></form>
</main>
</body>
</html>`;
}
