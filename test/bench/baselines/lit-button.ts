/**
 * First-render baseline: the least a Lit launcher can be — one element that renders one button,
 * with no config fetch. The launcher's time minus this is what Digitale Balie adds.
 */
import { LitElement, css, html } from 'lit';

class BenchLauncher extends LitElement {
  static override styles = css`
    button {
      font: inherit;
      padding: 0.5em 1em;
    }
  `;

  override render() {
    return html`<button part="launcher-button">Videobellen</button>`;
  }
}

customElements.define('bench-launcher', BenchLauncher);
