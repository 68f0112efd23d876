import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../digitale-balie.styles.js';
import { callRoute } from '../../../protocol/client.js';
import { ticketFeedbackRoute } from '../../../protocol/routes/tickets.js';
import { bearer } from '../../api-client.js';
import { BalieStage } from '../balie-stage.js';
import { stageCatalogs, type StageMessageKey } from '../stage-messages.js';

const scores = [1, 2, 3, 4, 5] as const;

/**
 * The one question after a call: how was it, on five big, labelled choices, plus an optional
 * remark. Sent with the call's ticket secret; the answer feeds the satisfaction figure.
 *
 * @summary Satisfaction question after a call.
 * @attr lang - Language of the texts.
 * @csspart button - The send button.
 */
export class BalieFeedback extends BalieStage<StageMessageKey> {
  static override styles = [
    baseStyles,
    css`
      fieldset { border: 0; padding: 0; margin: 0 0 1em; }
      legend { font-weight: 700; font-size: 1.125em; margin-bottom: 0.5em; }
      .scores { display: flex; flex-wrap: wrap; gap: 0.5em; }
      .scores label {
        display: flex; align-items: center; gap: 0.5em; min-height: 48px; padding: 0.25em 0.75em;
        border: 2px solid var(--_primary); border-radius: var(--_radius); cursor: pointer;
      }
      .scores input { width: 1.25em; height: 1.25em; }
      label.comment { display: block; font-weight: 600; margin-bottom: 0.25em; }
      textarea { font: inherit; width: 100%; min-height: 4em; border: 2px solid #555; border-radius: var(--_radius); padding: 0.5em; }
      textarea:focus-visible, input:focus-visible { outline: 3px solid var(--_text); outline-offset: 2px; }
    `,
  ];

  @property({ attribute: false }) apiBase = '';
  @property({ attribute: false }) secret = '';
  @state() private outcome: 'idle' | 'sending' | 'sent' | 'failed' = 'idle';

  protected readonly catalogs = stageCatalogs;

  private submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const score = Number(data.get('score'));
    const comment = String(data.get('comment') ?? '').trim();
    this.outcome = 'sending';
    try {
      await callRoute(this.apiBase, ticketFeedbackRoute, { body: comment ? { score, comment } : { score }, headers: bearer(this.secret) });
      this.outcome = 'sent';
    } catch (error) {
      console.warn(`[digitale-balie] feedback: ${(error as Error).message}`);
      this.outcome = 'failed';
    }
  };

  override render() {
    if (this.outcome === 'sent') return html`<p role="status">${this.t('feedbackThanks')}</p>`;
    return html`<form @submit=${this.submit}>
      <fieldset>
        <legend>${this.t('feedbackQuestion')}</legend>
        <div class="scores">
          ${scores.map(
            (score) => html`<label><input type="radio" name="score" value=${score} required />${this.t(`feedbackScore${score}`)}</label>`,
          )}
        </div>
      </fieldset>
      <label class="comment" for="comment">${this.t('feedbackComment')}</label>
      <textarea id="comment" name="comment" maxlength="1000"></textarea>
      ${this.outcome === 'failed' ? html`<p class="error" role="alert">${this.t('feedbackFailed')}</p>` : nothing}
      <div class="actions">
        <button part="button" type="submit" ?disabled=${this.outcome === 'sending'}>${this.t('feedbackSend')}</button>
      </div>
    </form>`;
  }
}

if (!customElements.get('balie-feedback')) customElements.define('balie-feedback', BalieFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'balie-feedback': BalieFeedback;
  }
}
