import { CsvError, parse } from 'csv-parse/sync';

/**
 * Reads RFC 4180 CSV through csv-parse (sync): comma-separated fields, records ended by CRLF, LF or
 * CR (mixed in one file, as spreadsheets and hand edits leave them), quoted fields holding commas,
 * line breaks and doubled quotes. A leading byte-order mark is dropped. Records keep the file line
 * they start on, and a file that is not CSV is refused with that line and words for people (the
 * library's own messages name its internals).
 */

export interface CsvRecord {
  /** The file line (1-based) on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

const MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'only a comma or the end of the line may follow a closing quote',
  INVALID_OPENING_QUOTE: 'a field with a " must be quoted as a whole, with the quote doubled ("")',
};

export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  // The line each record ends on, as the parser reports it: the next record starts one line later.
  let lastLine = 0;
  try {
    parse(text, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      // Blank lines and short or long rows are kept: the importer names them by row.
      skip_empty_lines: false,
      relax_column_count: true,
      on_record: (fields: string[], context) => {
        records.push({ line: lastLine + 1, fields });
        lastLine = context.lines;
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // An unclosed quote runs to the end of the file: name the line where its record starts.
    const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? lastLine + 1 : (error as CsvError & { lines?: number }).lines ?? lastLine + 1;
    return { ok: false, line, message: MESSAGES[error.code] ?? 'the text is not valid CSV (RFC 4180)' };
  }
  return { ok: true, records };
}
