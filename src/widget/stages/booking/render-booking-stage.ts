import { html } from 'lit';
import type { BalieBookingPaidEvent } from '../../events/balie-booking-paid.js';
import type { BalieDetailsSubmittedEvent } from '../../events/balie-details-submitted.js';
import type { BalieIdentityChosenEvent } from '../../events/balie-identity-chosen.js';
import type { BalieModeChosenEvent } from '../../events/balie-mode-chosen.js';
import type { BalieProductChosenEvent } from '../../events/balie-product-chosen.js';
import type { BalieSlotPickedEvent } from '../../events/balie-slot-picked.js';
import type { Journey } from '../../journey/journey-plugin.js';
import { findProduct, modesFor, needsIdentity } from '../../journey/plan.js';
import type { Stage, StageEvent } from '../../journey/stage-machine.js';
import { newIdempotencyKey } from './booking-api.js';

/**
 * Renders the booking stages (elements of the booking chunk) with their data as properties and
 * their events turned into the journey's events; `undefined` for a stage that is not theirs.
 */
export function renderBookingStage(stage: Stage, journey: Journey) {
  const config = journey.context.config ?? undefined;
  const p = {
    lang: journey.language,
    texts: journey.texts,
    config,
    apiBase: journey.apiBase.href,
    context: journey.context,
  };
  const dispatch = (event: StageEvent) => journey.dispatch(event);
  const back = () => dispatch({ type: 'back' });
  const start = () => dispatch({ type: 'start' });
  const timeZone = config?.openingHours?.timeZone ?? 'Europe/Amsterdam';
  switch (stage.name) {
    case 'product':
      return html`<balie-product-choice lang=${p.lang} .texts=${p.texts} .products=${p.config?.products ?? []}
        @balie-product-chosen=${(e: BalieProductChosenEvent) => dispatch({ type: 'product-chosen', product: e.detail.product })}
        @balie-back=${back}></balie-product-choice>`;
    case 'mode':
      return html`<balie-mode-choice lang=${p.lang} .texts=${p.texts} .modes=${modesFor(p.context, stage.draft.product)} .queue=${stage.queue} .timeZone=${timeZone}
        @balie-mode-chosen=${(e: BalieModeChosenEvent) => dispatch({ type: 'mode-chosen', mode: e.detail.mode })}
        @balie-back=${back}></balie-mode-choice>`;
    case 'slot':
      return html`<balie-slot-picker lang=${p.lang} .texts=${p.texts} .days=${stage.slots?.days} .nextFree=${stage.nextFree} .timeZone=${stage.slots?.timeZone ?? timeZone}
        @balie-slot-picked=${(e: BalieSlotPickedEvent) => dispatch({ type: 'slot-picked', start: e.detail.start, idempotencyKey: newIdempotencyKey() })}
        @balie-back=${back}></balie-slot-picker>`;
    case 'details':
      return html`<balie-details-form lang=${p.lang} .texts=${p.texts} .askPhone=${!!p.config?.askPhone} .keepDays=${p.config?.privacy?.keepDays ?? 30}
        .policyUrl=${p.config?.privacy?.policyUrl} .slotStart=${stage.draft.slotStart} .timeZone=${timeZone} .details=${stage.draft.details} .needsLogin=${needsIdentity(p.context, stage.draft.product)}
        @balie-details-submitted=${(e: BalieDetailsSubmittedEvent) => dispatch({ type: 'details-submitted', details: e.detail.details })}
        @balie-back=${back}></balie-details-form>`;
    case 'identity':
      return html`<balie-identity-choice lang=${p.lang} .texts=${p.texts} .providers=${p.config?.identity?.providers ?? []}
        .productName=${findProduct(p.config ?? null, stage.draft.product)?.name ?? ''} .leaving=${!!stage.provider}
        @balie-identity-chosen=${(e: BalieIdentityChosenEvent) => dispatch({ type: 'identity-chosen', provider: e.detail.provider })}
        @balie-back=${back}></balie-identity-choice>`;
    case 'booking':
      if (!stage.interrupted) return html`<p part="message" role="status">${journey.t('saving')}</p>`;
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
    case 'booking-payment':
      // Its own chunk: only a product paid at booking needs it. The element upgrades when it comes.
      void import('../booking-payment/balie-booking-payment.js');
      return html`<balie-booking-payment lang=${p.lang} .texts=${p.texts} .booking=${stage.booking} .manageSecret=${stage.manageSecret} .apiBase=${p.apiBase}
        @balie-booking-paid=${(e: BalieBookingPaidEvent) => dispatch({ type: 'booking-paid', booking: e.detail.booking })}
        @balie-retry=${start}></balie-booking-payment>`;
    case 'appointment':
      return html`<balie-appointment lang=${p.lang} .texts=${p.texts} .booking=${stage.booking}
        @balie-appointment-join=${() => dispatch({ type: 'join' })}
        @balie-appointment-move=${() => dispatch({ type: 'move' })}
        @balie-appointment-cancel=${() => dispatch({ type: 'cancel-appointment' })}
        @balie-retry=${start}></balie-appointment>`;
    default:
      return undefined;
  }
}
