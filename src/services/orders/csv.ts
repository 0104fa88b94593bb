/**
 * A small RFC 4180 reader: comma-separated fields, records ended by CRLF or LF, fields in double
 * quotes may hold commas, line breaks and doubled quotes (""). A leading byte-order mark is
 * dropped, and so is the line break after the last record. No CSV library is installed, and this
 * is all the order-book import needs.
 */

export interface CsvRecord {
  /** The file line (1-based) on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  if (i >= n) return { ok: true, records };
  let fields: string[] = [];
  let recordLine = line;
  for (;;) {
    // One field starts at i.
    let value: string;
    if (text[i] === '"') {
      const openedOn = line;
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return { ok: false, line: openedOn, message: 'a quoted field is not closed (a " is missing)' };
        const chunk = text.slice(i, q);
        out += chunk;
        line += countLineBreaks(chunk);
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        return { ok: false, line, message: 'only a comma or the end of the line may follow a closing quote' };
      }
      value = out;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      value = text.slice(i, j);
      if (value.includes('"')) return { ok: false, line, message: 'a field with a " must be quoted as a whole, with the quote doubled ("")' };
      i = j;
    }
    fields.push(value);
    if (i >= n) {
      records.push({ line: recordLine, fields });
      return { ok: true, records };
    }
    if (text[i] === ',') {
      i++;
      continue;
    }
    // End of a record: CRLF or LF (a lone CR is taken as a line break too).
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    records.push({ line: recordLine, fields });
    if (i >= n) return { ok: true, records };
    fields = [];
    recordLine = line;
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\n') count++;
    else if (s[k] === '\r' && s[k + 1] !== '\n') count++;
  }
  return count;
}
