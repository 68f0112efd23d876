import { expect } from '@open-wc/testing';
import { parseEuroCents } from './euro-input.js';

describe('parseEuroCents', () => {
  const cases: [string, number | undefined][] = [
    ['12,50', 1250],
    ['12.5', 1250],
    ['84,30', 8430],
    ['€ 7', 700],
    [' 3,05 ', 305],
    ['0', undefined],
    ['0,00', undefined],
    ['12,505', undefined],
    ['-5', undefined],
    ['1.000,00', undefined],
    ['tien', undefined],
    ['', undefined],
  ];
  for (const [text, cents] of cases) {
    it(`reads "${text}" as ${cents ?? 'no amount'}`, () => {
      expect(parseEuroCents(text)).to.equal(cents);
    });
  }
});
