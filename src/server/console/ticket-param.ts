import { requireUuid } from '../http/params.js';

/** The `:id` of a console ticket route. */
export interface TicketParams {
  id: string;
}

/** The ticket id of a console route, checked to be a uuid (else a 400). */
export function ticketId(params: TicketParams): string {
  return requireUuid(params.id, 'balie-console', 'a ticket id');
}
