import type { BalieConfig, CallGrant, EndReason } from '../protocol/index.js';
import type { MessageKey } from './i18n/messages.js';

/**
 * The citizen's journey as a plain reducer: testable without a DOM, and the only place that
 * decides which stage comes next. Issue #4 inserts booking and identity stages before prejoin.
 */
export type Stage =
  | { name: 'loading' }
  | { name: 'config-error' }
  | { name: 'launcher' }
  | { name: 'prejoin' }
  | { name: 'waiting'; secret: string; audioOnly: boolean }
  | { name: 'call'; secret: string; grant: CallGrant; audioOnly: boolean }
  /** `feedbackSecret` is set after a call: the citizen is asked how it was. */
  | { name: 'ended'; message: MessageKey; feedbackSecret?: string }
  | { name: 'error'; message: MessageKey };

export type StageEvent =
  | { type: 'config-loading' }
  | { type: 'config-loaded'; config: BalieConfig; product: string | null }
  | { type: 'config-failed' }
  | { type: 'start' }
  | { type: 'cancel' }
  | { type: 'ticket-created'; secret: string; audioOnly: boolean }
  | { type: 'call-granted'; grant: CallGrant }
  | { type: 'ticket-ended'; reason: EndReason }
  | { type: 'call-ended'; byMe: boolean }
  /** The call could not be restored after a network drop: back to the queue, place kept. */
  | { type: 'call-lost' }
  /** The same citizen joined from another tab or device, which took over. */
  | { type: 'call-replaced' }
  | { type: 'failed'; message: MessageKey };

const endMessages: Record<EndReason, MessageKey> = {
  left: 'leftQueue',
  'ended-by-employee': 'endedByEmployee',
  expired: 'ticketExpired',
};

export const initialStage: Stage = { name: 'loading' };

/** Returns the next stage; events that make no sense in the current stage leave it unchanged. */
export function nextStage(stage: Stage, event: StageEvent): Stage {
  switch (event.type) {
    case 'config-loading':
      // A config change mid-call must not drop the citizen out of the call or the queue.
      return stage.name === 'waiting' || stage.name === 'call' ? stage : { name: 'loading' };
    case 'config-loaded':
      if (stage.name !== 'loading') return stage;
      if (event.product && !event.config.products.some((p) => p.id === event.product)) {
        return { name: 'error', message: 'productUnknown' };
      }
      return { name: 'launcher' };
    case 'config-failed':
      return stage.name === 'loading' ? { name: 'config-error' } : stage;
    case 'start':
      return stage.name === 'launcher' || stage.name === 'ended' || stage.name === 'error'
        ? { name: 'prejoin' }
        : stage;
    case 'cancel':
      return stage.name === 'prejoin' ? { name: 'launcher' } : stage;
    case 'ticket-created':
      return stage.name === 'prejoin'
        ? { name: 'waiting', secret: event.secret, audioOnly: event.audioOnly }
        : stage;
    case 'call-granted':
      return stage.name === 'waiting'
        ? { name: 'call', secret: stage.secret, grant: event.grant, audioOnly: stage.audioOnly }
        : stage;
    case 'ticket-ended':
      if (stage.name === 'call') return { name: 'ended', message: endMessages[event.reason], feedbackSecret: stage.secret };
      return stage.name === 'waiting' ? { name: 'ended', message: endMessages[event.reason] } : stage;
    case 'call-ended':
      return stage.name === 'call'
        ? { name: 'ended', message: event.byMe ? 'endedByYou' : 'endedByEmployee', feedbackSecret: stage.secret }
        : stage;
    case 'call-lost':
      return stage.name === 'call' ? { name: 'waiting', secret: stage.secret, audioOnly: stage.audioOnly } : stage;
    case 'call-replaced':
      return stage.name === 'call' ? { name: 'ended', message: 'replacedElsewhere' } : stage;
    case 'failed':
      return { name: 'error', message: event.message };
  }
}
