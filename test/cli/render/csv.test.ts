/**
 * The CSV the CLI writes, cell by cell: RFC 4180 quoting (comma, quote, CR, LF), CRLF after each row, the
 * formula guard on cells a spreadsheet would run, and every cell read back as written by another parser.
 */
import fc from 'fast-check';
import { csvCell, csvRow, csvWriter, PLAN_CSV } from '../../../cli/render/csv';
import { parseCsv, unguard } from '../../support/csv';
import { binding } from './fixtures';

/** Text with what CSV and spreadsheets treat specially, often, and any other character now and then. */
const cellText = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', '=', '+', '-', '@', "'", '\t', ' ', 'a', 'é'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 10 });

describe('cli/render/csv', () => {
  it('quotes a cell only when it must, doubling its quotes', () => {
    expect(csvCell('ods_user_info')).toBe('ods_user_info');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(91234)).toBe('91234');
    expect(csvCell(undefined)).toBe('');
    expect(csvRow(['a', 'b,c', undefined])).toBe('a,"b,c",\r\n');
  });

  it("puts a ' before a cell a spreadsheet would run as a formula, and before one that starts with '", () => {
    for (const cell of ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1', "'quoted"]) expect(csvCell(cell).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    for (const cell of ['a=1', 'x-y', 'mail@example.com']) expect(csvCell(cell)).toBe(cell);
  });

  // rows of two cells or more, as every table here has (a row of one empty cell is an empty line to any reader)
  it('reads back, through another parser with the guard undone, as the cells written', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 30 }), (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const text = table.map(csvRow).join('');
        expect(parseCsv(text).map((r) => r.map(unguard))).toEqual(table);
      }),
      { numRuns: 15 },
    );
  });

  it('writes the header first, also when no row comes', () => {
    let out = '';
    const w = csvWriter(PLAN_CSV, (t) => (out += t));
    w.end();
    expect(out).toBe(`${PLAN_CSV.columns.join(',')}\r\n`);
    out = '';
    const v = csvWriter(PLAN_CSV, (t) => (out += t));
    v.add(binding({ assetId: 'a1', ruleId: 'r', projectId: 7, action: 'conflict', currentValue: 'dwd', resolution: 'skip' }));
    v.end();
    expect(out).toBe(`${PLAN_CSV.columns.join(',')}\r\na1,name-a1,ACS::DataWorks::Table,7,,layer,ods,conflict,dwd,skip,r\r\n`);
  });
});
