import { html } from 'lit';
import type { BalieCallDisconnectedEvent } from '../../call/events/balie-call-disconnected.js';
import { callExportParts } from '../call-parts.js';
import type { Journey } from '../journey/journey-plugin.js';
import type { Stage } from '../journey/stage-machine.js';
import './payment/balie-payments.js';
import { citizenDocuments } from './call-documents.js';

/**
 * The call stage, rendered by the queue's chunk (which always arrives before the call): the call
 * itself and, beside it, the payments the employee may ask for (issue 16), whose card loads only
 * when one is asked. Kept out of the first script, which has a size budget.
 */
export function renderCallStage(stage: Extract<Stage, { name: 'call' }>, journey: Journey) {
  const onDisconnected = (event: BalieCallDisconnectedEvent) => {
    event.stopPropagation();
    const { reason } = event.detail;
    // Connection lost: the ticket is still admitted on the server; the waiting room sees that and rejoins.
    journey.dispatch(
      reason === 'connection-lost' ? { type: 'call-lost' } : reason === 'replaced' ? { type: 'call-replaced' } : { type: 'call-ended', byMe: false },
    );
  };
  return html`<balie-call
      exportparts=${callExportParts}
      lang=${journey.language}
      .grant=${stage.grant}
      .audioOnly=${stage.audioOnly}
      .allowedLinkDomains=${journey.context.config?.chat?.allowedLinkDomains ?? []}
      .documents=${citizenDocuments(journey.apiBase, stage.secret, journey.context.config)}
      @balie-call-leave=${() => journey.dispatch({ type: 'leave' })}
      @balie-call-disconnected=${onDisconnected}
    ></balie-call>
    ${journey.context.config?.payments
      ? html`<balie-payments lang=${journey.language} .texts=${journey.texts} .apiBase=${journey.apiBase.href} .secret=${stage.secret}></balie-payments>`
      : ''}`;
}
