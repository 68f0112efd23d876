import { html, nothing } from 'lit';
import type { EmployeeView, QueueEntry } from '../protocol/index.js';

/** How long someone has waited, in whole minutes, as an employee reads it at a glance. */
export function waitedFor(createdAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  return minutes < 1 ? 'wacht net' : `wacht ${minutes} min`;
}

/** The facts about one waiting citizen, in the order an employee scans them. */
export function entryFacts(entry: QueueEntry, now = Date.now(), me?: string): string[] {
  const assigned = entry.assignedTo;
  return [
    waitedFor(entry.createdAt, now),
    entry.booked ? 'afspraak' : 'inloop',
    entry.identityVerified ? 'identiteit gecontroleerd' : 'niet ingelogd',
    ...(entry.audioOnly ? ['alleen geluid'] : []),
    ...(assigned ? [assigned.id === me ? 'voor u' : `voor ${assigned.name ?? 'een collega'}`] : []),
  ];
}

/** What a queue row can do, and for whom it is drawn. */
export interface EntryActions {
  me?: string;
  admit(entry: QueueEntry): void;
  /** Opens (or, with `undefined`, closes) the hand-over form of this entry. */
  chooseColleague(entry: QueueEntry | undefined): void;
  handOver(entry: QueueEntry, colleagueId: string): void;
  /** The entry whose hand-over form is open, and who is signed in to take it. */
  handingOver?: string;
  colleagues: EmployeeView[];
}

/** One row of the live queue: facts, admit, hand over. */
export function renderEntry(entry: QueueEntry, actions: EntryActions) {
  const mine = !entry.assignedTo || entry.assignedTo.id === actions.me;
  const label = `nummer ${entry.position}, ${entry.productName}`;
  return html`<li>
    <span class="what">
      <strong>${entry.position}. ${entry.productName}</strong>
      <span class="muted">· ${entryFacts(entry, Date.now(), actions.me).join(' · ')}</span>
    </span>
    ${mine
      ? html`<button aria-label=${`Toelaten: ${label}`} @click=${() => actions.admit(entry)}>Toelaten</button>
          <button class="secondary" aria-label=${`Overdragen: ${label}`} @click=${() => actions.chooseColleague(entry)}>Overdragen</button>`
      : nothing}
    ${actions.handingOver === entry.id ? renderHandOver(entry, actions) : nothing}
  </li>`;
}

function renderHandOver(entry: QueueEntry, actions: EntryActions) {
  if (actions.colleagues.length === 0) {
    return html`<p class="handover" role="status">Er is nu geen collega ingelogd.
      <button class="secondary" @click=${() => actions.chooseColleague(undefined)}>Sluiten</button></p>`;
  }
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.handOver(entry, String(new FormData(event.target as HTMLFormElement).get('colleague')));
  };
  return html`<form class="handover" @submit=${submit}>
    <label for=${`colleague-${entry.id}`}>Overdragen aan</label>
    <select id=${`colleague-${entry.id}`} name="colleague">
      ${actions.colleagues.map((c) => html`<option value=${c.id}>${c.name ?? 'Collega'} (${c.role})</option>`)}
    </select>
    <button type="submit">Overdragen</button>
    <button type="button" class="secondary" @click=${() => actions.chooseColleague(undefined)}>Annuleren</button>
  </form>`;
}
