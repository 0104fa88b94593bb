// One store: no store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from './csv.js';

const fieldsOf = (text: string) => {
  const r = parseCsv(text);
  assert.ok(r.ok, JSON.stringify(r));
  return r.records.map((x) => x.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it('reads plain fields, CRLF and LF line ends, and ignores the last line break', () => {
    assert.deepEqual(fieldsOf('a,b,c\r\n1,2,3\r\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
    assert.deepEqual(fieldsOf('a,b\n1,2'), [['a', 'b'], ['1', '2']]);
  });

  it('reads a file whose line ends are mixed (CRLF, LF, CR), keeping blank lines as empty records', () => {
    assert.deepEqual(fieldsOf('a,b\r\nc,d\ne,f\rg,h\n\ni,j'), [['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h'], [''], ['i', 'j']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    assert.deepEqual(fieldsOf('a,,c,\n'), [['a', '', 'c', '']]);
  });

  it('reads quoted fields with commas, line breaks and doubled quotes, and numbers records by their first line', () => {
    const r = parseCsv('x,y\n"Acme, Inc.","said ""hi""\nthen left"\nlast,"",\n');
    assert.ok(r.ok);
    assert.deepEqual(r.records, [
      { line: 1, fields: ['x', 'y'] },
      { line: 2, fields: ['Acme, Inc.', 'said "hi"\nthen left'] },
      { line: 4, fields: ['last', '', ''] },
    ]);
  });

  it('drops a byte-order mark and reads an empty text as no records', () => {
    assert.deepEqual(fieldsOf('\ufeffa,b\n'), [['a', 'b']]);
    assert.deepEqual(fieldsOf(''), []);
  });

  it('refuses an unclosed quote, text after a closing quote and a bare quote, naming the line', () => {
    assert.deepEqual(parseCsv('a\n"open,b\nc'), { ok: false, line: 2, message: 'a quoted field is not closed (a " is missing)' });
    assert.equal((parseCsv('a\n"x"y,b') as { line: number }).line, 2);
    assert.equal(parseCsv('a\n"x"y,b').ok, false);
    assert.equal(parseCsv('a\nx"y,b').ok, false);
  });
});
