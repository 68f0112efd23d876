import { createActiveDeviceObservable, createMediaDeviceObserver } from '@livekit/components-core';
import type { Room } from 'livekit-client';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { callText } from '../i18n.js';
import { ObservableController } from '../observable-controller.js';
import { themeTokens } from '../theme-tokens.styles.js';

const kinds = ['videoinput', 'audioinput', 'audiooutput'] as const;
type Kind = (typeof kinds)[number];

/**
 * Choose camera, microphone and speaker during a call. Device lists and the active device come
 * from components-core observables; a choice switches the room's device at once.
 *
 * @summary Device choice for a call.
 * @attr lang - Language of labels.
 */
export class BalieDevices extends LitElement {
  static override styles = [themeTokens, css`
    :host { display: block; }
    summary { cursor: pointer; font-weight: 600; min-height: 44px; display: flex; align-items: center; }
    label { display: block; font-weight: 600; margin-top: 0.5em; }
    select { font: inherit; min-height: 44px; max-width: 100%; color: var(--_text); background: var(--_surface); border: 2px solid var(--_border); border-radius: var(--_radius); }
    summary:focus-visible, select:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
  `];

  @property({ reflect: true }) override lang = '';
  @property({ attribute: false }) room?: Room;

  private readonly lists = Object.fromEntries(
    kinds.map((kind) => [kind, new ObservableController<MediaDeviceInfo[]>(this, [])]),
  ) as Record<Kind, ObservableController<MediaDeviceInfo[]>>;
  private readonly active = Object.fromEntries(
    kinds.map((kind) => [kind, new ObservableController<string>(this, '')]),
  ) as Record<Kind, ObservableController<string>>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('room') || !this.room) return;
    for (const kind of kinds) {
      // Permission was asked at prejoin; asking again here would flash a second prompt.
      this.lists[kind].observe(createMediaDeviceObserver(kind, (e) => console.warn(`[balie-call] ${kind}: ${e.message}`), false));
      this.active[kind].observe(createActiveDeviceObservable(this.room, kind));
    }
  }

  private choose(kind: Kind, event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    void this.room?.switchActiveDevice(kind, id).catch((e: Error) => console.warn(`[balie-call] switching ${kind}: ${e.message}`));
  }

  override render() {
    return html`<details>
      <summary>${callText(this.lang, 'devices')}</summary>
      ${kinds.map((kind) => {
        const devices = this.lists[kind].value.filter((d) => d.deviceId);
        return html`<label for=${kind}>${callText(this.lang, kind)}</label>
          <select id=${kind} ?disabled=${devices.length < 2} @change=${(e: Event) => this.choose(kind, e)}>
            ${devices.map(
              (d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === this.active[kind].value}>
                ${d.label || `${callText(this.lang, kind)} ${i + 1}`}
              </option>`,
            )}
          </select>`;
      })}
    </details>`;
  }
}

if (!customElements.get('balie-devices')) customElements.define('balie-devices', BalieDevices);

declare global {
  interface HTMLElementTagNameMap {
    'balie-devices': BalieDevices;
  }
}
