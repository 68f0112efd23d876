import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * docs/accessibility.md is the evidence a municipality copies into its accessibility statement
 * (issue #18): each WCAG 2.2 A/AA criterion, and the test that proves it. A row that names a test
 * which does not exist (renamed, removed, mistyped) would be a false claim, so this fails on it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const docPath = 'docs/accessibility.md';

/** The 55 success criteria of WCAG 2.2 at level A and AA (4.1.1 Parsing is obsolete in 2.2). */
const criteria = [
  '1.1.1', '1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.2.5', '1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5',
  '1.4.1', '1.4.2', '1.4.3', '1.4.4', '1.4.5', '1.4.10', '1.4.11', '1.4.12', '1.4.13',
  '2.1.1', '2.1.2', '2.1.4', '2.2.1', '2.2.2', '2.3.1', '2.4.1', '2.4.2', '2.4.3', '2.4.4', '2.4.5',
  '2.4.6', '2.4.7', '2.4.11', '2.5.1', '2.5.2', '2.5.3', '2.5.4', '2.5.7', '2.5.8',
  '3.1.1', '3.1.2', '3.2.1', '3.2.2', '3.2.3', '3.2.4', '3.2.6', '3.3.1', '3.3.2', '3.3.3', '3.3.4',
  '3.3.7', '3.3.8', '4.1.2', '4.1.3',
];
const removed = ['4.1.1'];

interface Row {
  line: number;
  criterion: string;
  applies: string;
  proof: string;
}

/** The table's rows: `| criterion | name | level | applies? | proof |`, header and rule left out. */
function readRows(markdown: string): Row[] {
  return markdown.split('\n').flatMap((text, i) => {
    const cells = /^\|\s*(\d+\.\d+\.\d+)\s*\|/.test(text) ? text.split(' | ') : [];
    if (cells.length === 0) return [];
    assert.equal(cells.length, 5, `${docPath}:${i + 1} should have 5 columns: ${text}`);
    return [{ line: i + 1, criterion: cells[0].replace('|', '').trim(), applies: cells[3].trim(), proof: cells[4].replace(/\|\s*$/, '').trim() }];
  });
}

/** The tests a proof cell names, written `file › test name` in backticks. */
function referencedTests(proof: string): Array<{ file: string; name: string }> {
  return [...proof.matchAll(/`([^`]+?) › ([^`]+)`/g)].map((m) => ({ file: m[1], name: m[2] }));
}

/** Whether source holds `name` as a whole quoted string, as `it('…')`, `it("…")` or `it(\`…\`)` write it. */
function namesTest(source: string, name: string): boolean {
  return ["'", '"', '`'].some((quote) => source.includes(`${quote}${name}${quote}`));
}

describe('docs/accessibility.md, the WCAG 2.2 evidence (issue #18)', () => {
  const rows = readRows(readFileSync(join(root, docPath), 'utf8'));

  it('lists each WCAG 2.2 A and AA criterion once, and 4.1.1 as removed', () => {
    for (const criterion of [...criteria, ...removed]) {
      const found = rows.filter((row) => row.criterion === criterion);
      assert.equal(found.length, 1, `${docPath}: criterion ${criterion} should have one row, has ${found.length}`);
    }
    const unknown = rows.filter((row) => ![...criteria, ...removed].includes(row.criterion));
    assert.deepEqual(unknown.map((row) => `line ${row.line}: ${row.criterion}`), [], `${docPath}: rows for criteria that are not WCAG 2.2 A/AA`);
    assert.equal(criteria.length, 55);
    for (const criterion of removed) {
      const row = rows.find((r) => r.criterion === criterion);
      assert.match(row?.applies ?? '', /^removed/, `${docPath}: ${criterion} should say it is removed`);
    }
  });

  it('says for each criterion whether it applies, and proves each that does by a test or by hand', () => {
    for (const row of rows.filter((r) => criteria.includes(r.criterion))) {
      const where = `${docPath}:${row.line} (${row.criterion})`;
      assert.match(row.applies, /^(yes|no|n\.a\.)(\s|$)/, `${where}: "Applies?" should start with yes, no or n.a.: ${row.applies}`);
      if (!row.applies.startsWith('yes')) {
        assert.match(row.applies, /—\s*\S/, `${where}: a criterion that does not apply needs a reason`);
      } else {
        const proven = referencedTests(row.proof).length > 0 || /^by hand\b/i.test(row.proof);
        assert.ok(proven, `${where}: names no test (\`file › test name\`) and does not start with "By hand": ${row.proof}`);
      }
    }
  });

  it('names only tests that exist, in the file it gives', () => {
    const missing: string[] = [];
    for (const row of rows) {
      for (const { file, name } of referencedTests(row.proof)) {
        const where = `${docPath}:${row.line} (${row.criterion})`;
        if (!existsSync(join(root, file))) missing.push(`${where}: no file ${file}`);
        else if (!namesTest(readFileSync(join(root, file), 'utf8'), name)) missing.push(`${where}: ${file} has no test "${name}"`);
      }
    }
    assert.deepEqual(missing, [], 'rows that name a test that does not exist');
  });
});
