/**
 * A read that many ask at once, done once for them: a call while the same read (same key) is
 * under way waits for the next one, which starts when that one ends and answers every caller that
 * joined it. So each caller gets a read that started after it asked (never an older answer), and
 * a burst of a hundred asks costs two reads, not a hundred. Errors reach every caller of that read.
 */
export function sharedReads<A, T>(read: (args: A) => Promise<T>, keyOf: (args: A) => string): (args: A) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  const next = new Map<string, Promise<T>>();
  const start = (key: string, args: A): Promise<T> => {
    const reading = read(args);
    running.set(key, reading);
    const done = () => {
      if (running.get(key) === reading) running.delete(key);
    };
    reading.then(done, done);
    return reading;
  };
  return (args) => {
    const key = keyOf(args);
    const joined = next.get(key);
    if (joined) return joined;
    const current = running.get(key);
    if (!current) return start(key, args);
    const after = current.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next.delete(key);
      return start(key, args);
    });
    next.set(key, after);
    return after;
  };
}
