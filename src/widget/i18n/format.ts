import type { Lang } from '../i18n/messages.js';

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB', fr: 'fr-BE' };

/**
 * Dates and times in the municipality's time zone (from the config), never the browser's: a
 * citizen abroad or a laptop on the wrong zone still sees the counter's 09:30.
 */
export function formatDay(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
}

/** `09:30`: two digits, 24 hours, in every language. */
export function formatTime(iso: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}
