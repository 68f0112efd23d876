import { expect } from '@open-wc/testing';
import type { BalieConfig, CallGrant } from '../protocol/index.js';
import { initialStage, nextStage, type Stage, type StageEvent } from './stage-machine.js';

const config: BalieConfig = { municipality: { name: 'Voorbeeldstad' }, products: [{ id: 'paspoort', name: 'Paspoort' }] };
const grant: CallGrant = { url: 'ws://x', token: 't', identity: 'c-1', role: 'citizen', expiresIn: 600 };
const waiting: Stage = { name: 'waiting', secret: 's', audioOnly: false };
const call: Stage = { name: 'call', secret: 's', grant, audioOnly: false };

const cases: [string, Stage, StageEvent, Stage][] = [
  ['shows the launcher once the config is loaded', initialStage, { type: 'config-loaded', config, product: 'paspoort' }, { name: 'launcher' }],
  ['uses the first product when the page names none', initialStage, { type: 'config-loaded', config, product: null }, { name: 'launcher' }],
  ['refuses a product the config does not have', initialStage, { type: 'config-loaded', config, product: 'rijbewijs' }, { name: 'error', message: 'productUnknown' }],
  ['shows a config error when loading fails', initialStage, { type: 'config-failed' }, { name: 'config-error' }],
  ['goes from launcher to prejoin on start', { name: 'launcher' }, { type: 'start' }, { name: 'prejoin' }],
  ['goes back to the launcher when prejoin is cancelled', { name: 'prejoin' }, { type: 'cancel' }, { name: 'launcher' }],
  ['enters the waiting room with a ticket', { name: 'prejoin' }, { type: 'ticket-created', secret: 's', audioOnly: false }, waiting],
  ['starts the call when granted', waiting, { type: 'call-granted', grant }, call],
  ['ignores a grant outside the waiting room', { name: 'launcher' }, { type: 'call-granted', grant }, { name: 'launcher' }],
  ['explains an expired ticket', waiting, { type: 'ticket-ended', reason: 'expired' }, { name: 'ended', message: 'ticketExpired' }],
  ['says the employee ended the call', call, { type: 'call-ended', byMe: false }, { name: 'ended', message: 'endedByEmployee', feedbackSecret: 's' }],
  ['thanks the citizen who hung up', call, { type: 'call-ended', byMe: true }, { name: 'ended', message: 'endedByYou', feedbackSecret: 's' }],
  ['returns to the waiting room, place kept, when the call cannot be restored', call, { type: 'call-lost' }, waiting],
  ['says so when another tab took over the call', call, { type: 'call-replaced' }, { name: 'ended', message: 'replacedElsewhere' }],
  ['keeps a call going when the config reloads', call, { type: 'config-loading' }, call],
  ['keeps the queue place when the config reloads', waiting, { type: 'config-loading' }, waiting],
  ['lets the citizen start again after an error', { name: 'error', message: 'networkError' }, { type: 'start' }, { name: 'prejoin' }],
];

describe('stage machine', () => {
  for (const [behaviour, from, event, to] of cases) {
    it(behaviour, () => expect(nextStage(from, event)).to.deep.equal(to));
  }
});
