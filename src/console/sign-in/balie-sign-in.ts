import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConsoleLoginError, ConsoleLoginOptions } from '../../protocol/index.js';
import { consoleLoginOptionsRoute, consoleLoginRoute, consoleSignInRoute } from '../../protocol/routes/console.js';
import { consoleCall, consoleRouteUrl } from '../console-api.js';
import '../events/balie-signed-in.js';
import { panelStyles } from '../panel.styles.js';

const loginErrors: Record<ConsoleLoginError, string> = {
  cancelled: 'U heeft het inloggen afgebroken.',
  no_role: 'Uw account heeft geen toegang tot de videobalie. Vraag uw beheerder om de rol medewerker.',
  failed: 'Inloggen is niet gelukt. Probeer het opnieuw.',
};

/**
 * How an employee signs in: through the municipality's own login (OpenID Connect), and where the
 * server allows it, with the development access code.
 *
 * @summary Employee sign-in.
 * @attr api-base - Base URL of the balie API.
 * @fires balie-signed-in - The access code opened a session. Detail: `{}`.
 */
export class BalieSignIn extends LitElement {
  static override styles = [
    panelStyles,
    css`
      a.button { display: inline-block; font-weight: 600; min-height: 44px; box-sizing: border-box; padding: 0.5em 1.25em; border-radius: var(--_radius); background: var(--_primary); color: var(--_on-primary); text-decoration: none; }
      form { margin-top: 1.5em; max-width: 24em; }
    `,
  ];

  @property({ attribute: 'api-base' }) apiBase = '/api/';
  /** How one can sign in here; loaded from the server when not given. */
  @property({ attribute: false }) options?: ConsoleLoginOptions;
  /** Why the last OIDC login came back without a session. */
  @property({ attribute: false }) loginError?: ConsoleLoginError;

  @state() private problem = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.options) void this.loadOptions();
  }

  private async loadOptions(): Promise<void> {
    const result = await consoleCall(this.apiBase, consoleLoginOptionsRoute);
    if (result.ok) this.options = result.value;
    else this.problem = 'Inloggen lukt nu niet: de server is niet bereikbaar. Probeer het later opnieuw.';
  }

  private signInWithCode = async (event: SubmitEvent) => {
    event.preventDefault();
    const accessCode = String(new FormData(event.target as HTMLFormElement).get('accessCode') ?? '');
    const result = await consoleCall(this.apiBase, consoleSignInRoute, { body: { accessCode } });
    if (!result.ok) {
      this.problem = result.status === 401 ? 'Deze toegangscode klopt niet.' : 'Inloggen lukt nu niet. Probeer het opnieuw.';
      return;
    }
    this.problem = '';
    this.dispatchEvent(new CustomEvent('balie-signed-in', { detail: {}, bubbles: true, composed: true }));
  };

  override render() {
    const options = this.options;
    return html`${this.loginError ? html`<p class="error" role="alert">${loginErrors[this.loginError]}</p>` : nothing}
      ${options?.oidc ? html`<p><a class="button" href=${consoleRouteUrl(this.apiBase, consoleLoginRoute)}>Inloggen met uw gemeente-account</a></p>` : nothing}
      ${options?.accessCode
        ? html`<form @submit=${this.signInWithCode}>
            ${options.oidc ? html`<p class="muted">Of, in een testomgeving:</p>` : nothing}
            <label for="code">Toegangscode</label>
            <input id="code" name="accessCode" type="password" autocomplete="current-password" required />
            <button type="submit">Inloggen</button>
          </form>`
        : nothing}
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}`;
  }
}

if (!customElements.get('balie-sign-in')) customElements.define('balie-sign-in', BalieSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'balie-sign-in': BalieSignIn;
  }
}
