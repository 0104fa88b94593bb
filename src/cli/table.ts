// Tables for people on a terminal: a header, a rule, aligned columns; no index column, no quotes,
// no box. cli-table3 does the measuring (wide characters, alignment) and the cutting: a cell
// longer than its column's limit ends in "…". Lists are cut before that, with a count (listCell).
import Table from 'cli-table3';

export interface Column<T> {
  header: string;
  cell: (row: T) => string | number | null | undefined;
  /** Numbers and amounts read best right-aligned. */
  align?: 'left' | 'right';
  /** Widest the column may grow, in characters; a longer cell is cut and ends in "…". */
  max?: number;
}

const DEFAULT_MAX = 48;
const GAP = 2;
const NO_BOX = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', right: '', 'right-mid': '', middle: '',
  mid: '─', 'mid-mid': '─',
};

function text(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? value.toLocaleString() : value.replace(/\s+/g, ' ').trim();
}

/** The table as text, one line per row, trailing spaces trimmed. */
export function renderTable<T>(columns: ReadonlyArray<Column<T>>, rows: readonly T[]): string {
  const cells = rows.map((row) => columns.map((c) => text(c.cell(row))));
  const colWidths = columns.map((c, i) => {
    const natural = Math.max([...c.header].length, ...cells.map((r) => [...r[i]!].length));
    const max = c.max ?? DEFAULT_MAX;
    // cli-table3 counts the padding in a column's width; null lets it fit the content.
    return natural > max ? max + GAP : null;
  });
  const table = new Table({
    head: columns.map((c) => c.header),
    colAligns: columns.map((c) => c.align ?? 'left'),
    colWidths,
    truncate: '…',
    wordWrap: false,
    chars: NO_BOX,
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': GAP },
  });
  table.push(...cells);
  const lines = table.toString().split('\n').map((line) => line.trimEnd());
  // The rule under the header runs as far as the widest line, not into the last column's padding.
  const width = Math.max(...lines.filter((l) => !/^─+$/.test(l)).map((l) => [...l].length));
  return lines.map((l) => (/^─+$/.test(l) ? '─'.repeat(width) : l)).join('\n');
}
