import { expect } from '@open-wc/testing';
import { linkify, type MessagePart } from './linkify.js';

const allowed = ['voorbeeldstad.nl'];
const cases: [string, string, MessagePart[]][] = [
  ['leaves plain text alone', 'Goedemiddag', [{ text: 'Goedemiddag' }]],
  ['links an allowed domain', 'Zie https://voorbeeldstad.nl/zaal', [{ text: 'Zie ' }, { text: 'https://voorbeeldstad.nl/zaal', href: 'https://voorbeeldstad.nl/zaal' }]],
  ['links a subdomain', 'https://www.voorbeeldstad.nl', [{ text: 'https://www.voorbeeldstad.nl', href: 'https://www.voorbeeldstad.nl/' }]],
  ['keeps sentence punctuation out of the link', 'Kijk op https://voorbeeldstad.nl/a.', [{ text: 'Kijk op ' }, { text: 'https://voorbeeldstad.nl/a', href: 'https://voorbeeldstad.nl/a' }, { text: '.' }]],
  ['does not link other domains', 'https://evil.example/phish', [{ text: 'https://evil.example/phish' }]],
  ['does not link a look-alike domain', 'https://voorbeeldstad.nl.evil.example/', [{ text: 'https://voorbeeldstad.nl.evil.example/' }]],
  ['does not link a domain that merely ends the same', 'https://nepvoorbeeldstad.nl/', [{ text: 'https://nepvoorbeeldstad.nl/' }]],
  ['never links javascript:', 'javascript:alert(1)', [{ text: 'javascript:alert(1)' }]],
  ['keeps HTML as text', '<img src=x onerror=alert(1)>', [{ text: '<img src=x onerror=alert(1)>' }]],
  ['does not link credentials in a URL', 'https://user:pw@voorbeeldstad.nl/', [{ text: 'https://user:pw@voorbeeldstad.nl/' }]],
];

describe('linkify', () => {
  for (const [behaviour, input, parts] of cases) {
    it(behaviour, () => expect(linkify(input, allowed)).to.deep.equal(parts));
  }
});
