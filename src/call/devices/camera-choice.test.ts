import { expect } from '@open-wc/testing';
import { nextCamera } from './camera-choice.js';

const cameras = (...ids: string[]) => ids.map((deviceId) => ({ deviceId }));

describe('nextCamera', () => {
  const cases: Array<[string, ReturnType<typeof cameras>, string | undefined, string | undefined]> = [
    ['front to back', cameras('front', 'back'), 'front', 'back'],
    ['back round to front', cameras('front', 'back'), 'back', 'front'],
    ['through a third lens', cameras('front', 'wide', 'tele'), 'wide', 'tele'],
    ['from an unknown camera to the first', cameras('front', 'back'), undefined, 'front'],
    ['nowhere with one camera', cameras('front'), 'front', undefined],
    ['nowhere before permission (ids hidden)', cameras('', ''), undefined, undefined],
  ];
  for (const [name, list, current, expected] of cases) {
    it(`switches ${name}`, () => expect(nextCamera(list, current)).to.equal(expected));
  }
});
