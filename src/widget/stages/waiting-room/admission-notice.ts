/**
 * Makes an admission noticeable to a citizen whose page is in the background (another app, another
 * tab, the screen off): the tab's title says it is their turn and the phone vibrates where it can
 * (`navigator.vibrate` is missing on iOS and desktop Safari: nothing to do there). Resolves when
 * the page is visible again and puts the title back, so the call starts in front of the citizen
 * rather than in a tab they cannot see, whose camera a phone may have paused.
 *
 * @param title - Short text put before the page's own title, e.g. "Het is uw beurt".
 */
export function awaitVisibleAfterAdmission(title: string): Promise<void> {
  if (document.visibilityState === 'visible') return Promise.resolve();
  const original = document.title;
  document.title = original ? `${title} — ${original}` : title;
  navigator.vibrate?.([300, 150, 300]);
  return new Promise((resolve) => {
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      document.removeEventListener('visibilitychange', onVisible);
      document.title = original;
      resolve();
    };
    document.addEventListener('visibilitychange', onVisible);
  });
}
