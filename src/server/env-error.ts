/** A setting that is missing or wrong; `main` prints the message and exits 1. */
export class EnvError extends Error {
  override name = 'EnvError';
}
