// A table from column descriptions: one header cell and one body cell per column, so a list page
// says what it shows, not how a table is written.
import type { ReactNode } from 'react';

export interface Column<T> {
  head: ReactNode;
  /** Extra class of both cells ("right" for numbers, "nowrap", "mono"). */
  className?: string;
  /** Class of the body cells alone ("mono" for codes), the header staying plain. */
  cellClass?: string;
  /** data-testid of the body cells, for a figure tests read on its own. */
  cellTestId?: string;
  /** The cell names its row (a row header, `<th scope="row">`) for screen readers. */
  rowHeader?: boolean;
  cell(row: T): ReactNode;
}

export function DataTable<T>({ rows, columns, rowKey, rowProps, testId, caption }: {
  rows: T[];
  columns: Array<Column<T>>;
  rowKey(row: T): string;
  /** Attributes of a row (data-testid, data-nation) that tests and styles read. */
  rowProps?: (row: T) => Record<string, string | undefined>;
  testId?: string;
  caption?: string;
}) {
  return (
    <table className="table" data-testid={testId}>
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={c.className}>{c.head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} {...rowProps?.(r)}>
            {columns.map((c, i) => {
              const className = [c.className, c.cellClass].filter(Boolean).join(' ') || undefined;
              return c.rowHeader ? (
                <th key={i} scope="row" className={className} data-testid={c.cellTestId}>{c.cell(r)}</th>
              ) : (
                <td key={i} className={className} data-testid={c.cellTestId}>{c.cell(r)}</td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
