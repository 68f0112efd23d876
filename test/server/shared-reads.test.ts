import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedReads } from '../../src/server/store/shared-reads.js';

describe('shared reads', () => {
  /** A read that counts its starts and resolves when told, with what was current then. */
  function controlledRead() {
    let value = 0;
    const started: ((v?: unknown) => void)[] = [];
    const read = sharedReads(
      (key: string) =>
        new Promise<string>((resolve, reject) => {
          const at = value;
          started.push((error) => (error ? reject(error) : resolve(`${key}@${at}`)));
        }),
      (key) => key,
    );
    return { read, started, set: (v: number) => (value = v) };
  }

  it('gives callers that ask while a read runs one next read, which starts after they asked', async () => {
    const { read, started, set } = controlledRead();
    const first = read('day');
    set(1);
    const [second, third] = [read('day'), read('day')];
    assert.equal(started.length, 1, 'the second and third wait; they do not start a read of their own');
    started[0]!();
    assert.equal(await first, 'day@0');
    await new Promise((done) => setImmediate(done));
    assert.equal(started.length, 2, 'one read for both');
    started[1]!();
    assert.equal(await second, 'day@1', 'never the older answer');
    assert.equal(await third, 'day@1');
  });

  it('keeps different keys apart, and passes an error to the callers of that read only', async () => {
    const { read, started } = controlledRead();
    const a = read('a');
    const b = read('b');
    assert.equal(started.length, 2);
    started[0]!(new Error('database gone'));
    started[1]!();
    await assert.rejects(a, /database gone/);
    assert.equal(await b, 'b@0');
    const again = read('a');
    assert.equal(started.length, 3, 'a failed read is not kept');
    started[2]!();
    assert.equal(await again, 'a@0');
  });
});
