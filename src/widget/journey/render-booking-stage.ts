import { html, nothing } from 'lit';
import type { Stage, StageEvent, Draft } from '../stage-machine.js';
import { cancelAppointment, chooseIdentity, pickSlot, type JourneyHost } from './booking-journey.js';
import { findProduct, modesFor, needsIdentity } from './plan.js';

/**
 * Renders the booking stages (elements of the booking chunk) with their data as properties and
 * their events wired to the host's stage machine and this chunk's API calls.
 */
export function renderBookingStage(host: JourneyHost, stage: Stage) {
  const config = host.context.config ?? undefined;
  const p = {
    lang: host.language,
    texts: host.texts,
    config,
    apiBase: host.apiBase.href,
    context: host.context,
    queue: host.queue,
    slots: host.slots,
    leaving: host.leaving,
  };
  const dispatch = (event: StageEvent) => host.dispatch(event);
  const back = () => dispatch({ type: 'back' });
  const start = () => dispatch({ type: 'start' });
  const timeZone = config?.openingHours?.timeZone ?? 'Europe/Amsterdam';
  switch (stage.name) {
    case 'product':
      return html`<balie-product-choice lang=${p.lang} .texts=${p.texts} .products=${p.config?.products ?? []}
        @balie-product-chosen=${(e: CustomEvent<{ product: string }>) => dispatch({ type: 'product-chosen', product: e.detail.product })}
        @balie-back=${back}></balie-product-choice>`;
    case 'mode':
      return html`<balie-mode-choice lang=${p.lang} .texts=${p.texts} .modes=${modesFor(p.context, stage.draft.product)} .queue=${p.queue} .timeZone=${timeZone}
        @balie-mode-chosen=${(e: CustomEvent<{ mode: 'afspraak' | 'direct' }>) => dispatch({ type: 'mode-chosen', mode: e.detail.mode })}
        @balie-back=${back}></balie-mode-choice>`;
    case 'slot':
      return html`<balie-slot-picker lang=${p.lang} .texts=${p.texts} .days=${p.slots?.days} .nextFree=${stage.nextFree} .timeZone=${p.slots?.timeZone ?? timeZone}
        @balie-slot-picked=${(e: CustomEvent<{ start: string }>) => pickSlot(host, e.detail.start)}
        @balie-back=${back}></balie-slot-picker>`;
    case 'details':
      return html`<balie-details-form lang=${p.lang} .texts=${p.texts} .askPhone=${!!p.config?.askPhone} .keepDays=${p.config?.privacy?.keepDays ?? 30}
        .policyUrl=${p.config?.privacy?.policyUrl} .slotStart=${stage.draft.slotStart} .timeZone=${timeZone} .details=${stage.draft.details} .needsLogin=${needsIdentity(host.context, stage.draft.product)}
        @balie-details-submitted=${(e: CustomEvent<{ details: NonNullable<Draft['details']> }>) => dispatch({ type: 'details-submitted', details: e.detail.details })}
        @balie-back=${back}></balie-details-form>`;
    case 'identity':
      return html`<balie-identity-choice lang=${p.lang} .texts=${p.texts} .providers=${p.config?.identity?.providers ?? []}
        .productName=${findProduct(p.config ?? null, stage.draft.product)?.name ?? ''} .leaving=${p.leaving}
        @balie-identity-chosen=${(e: CustomEvent<{ provider: string }>) => chooseIdentity(host, e.detail.provider, stage.draft)}
        @balie-back=${back}></balie-identity-choice>`;
    case 'booking':
      if (!stage.interrupted) return html`<p part="message" role="status">${host.t('saving')}</p>`;
      return html`<balie-booking-retry lang=${p.lang} .texts=${p.texts}
        @balie-retry=${() => dispatch({ type: 'retry' })} @balie-back=${back}></balie-booking-retry>`;
    case 'identity-error':
      return html`<balie-identity-error lang=${p.lang} .texts=${p.texts} .problem=${stage.problem} .municipality=${p.config?.municipality.name ?? ''}
        @balie-retry=${start}></balie-identity-error>`;
    case 'confirmation':
      return html`<balie-confirmation lang=${p.lang} .texts=${p.texts} .booking=${stage.booking} .manageSecret=${stage.manageSecret} .apiBase=${p.apiBase}
        .bring=${findProduct(p.config ?? null, stage.booking.product)?.bring ?? []}
        @balie-appointment-move=${() => dispatch({ type: 'move' })}
        @balie-appointment-manage=${() => dispatch({ type: 'appointment-loaded', booking: stage.booking, manageSecret: stage.manageSecret })}></balie-confirmation>`;
    case 'appointment':
      return html`<balie-appointment lang=${p.lang} .texts=${p.texts} .booking=${stage.booking}
        @balie-appointment-join=${() => dispatch({ type: 'join' })}
        @balie-appointment-move=${() => dispatch({ type: 'move' })}
        @balie-appointment-cancel=${() => cancelAppointment(host, stage.manageSecret)}
        @balie-retry=${start}></balie-appointment>`;
    default:
      return nothing;
  }
}
