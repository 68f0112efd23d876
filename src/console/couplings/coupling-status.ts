import { html, nothing } from 'lit';
import type { CouplingHealth, CouplingProblem } from '../../protocol/index.js';

const problems: Record<CouplingProblem, string> = {
  timeout: 'de agendaserver antwoordt niet op tijd',
  unreachable: 'de agendaserver is niet bereikbaar',
  refused: 'de agendaserver weigert de inlog van de balie',
  'not-found': 'een agenda bestaat niet (meer) op de agendaserver',
  error: 'de agendaserver geeft een fout',
};

/**
 * One line per calendar coupling for the console's header, in plain Dutch: which products it
 * holds, whether it works, and when not, why and what it means for citizens.
 */
export function couplingLines(couplings: readonly CouplingHealth[]): { text: string; down: boolean }[] {
  return couplings.map((c) => {
    const what = `Agenda-koppeling (${c.productNames.join(', ')})`;
    return c.state === 'ok'
      ? { text: `${what}: werkt.`, down: false }
      : { text: `${what} werkt niet: ${problems[c.problem ?? 'error']}. Inwoners kunnen nu geen afspraak maken, verzetten of annuleren.`, down: true };
  });
}

/** The status lines, or nothing when every product uses the balie's own store. */
export function renderCouplingStatus(couplings: readonly CouplingHealth[] | undefined) {
  const lines = couplingLines(couplings ?? []);
  if (lines.length === 0) return nothing;
  return html`<div class="couplings" role="status">
    ${lines.map((line) => html`<p class=${line.down ? 'error' : 'muted'}>${line.text}</p>`)}
  </div>`;
}
