/**
 * Two soft tones when the call is about to start: a citizen who looked away from the page hears
 * that it is their turn. Fails quietly where audio output is not allowed (that is not an error
 * the citizen can act on; the screen still changes).
 */
export function playChime(): void {
  try {
    const context = new AudioContext();
    const gain = context.createGain();
    gain.gain.value = 0.15;
    gain.connect(context.destination);
    [660, 880].forEach((frequency, i) => {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(context.currentTime + i * 0.25);
      tone.stop(context.currentTime + i * 0.25 + 0.2);
    });
    setTimeout(() => void context.close(), 1000);
  } catch (error) {
    console.warn(`[digitale-balie] chime: ${(error as Error).message}`);
  }
}
