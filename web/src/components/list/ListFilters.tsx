// The filter bar of a list page: a search form (the text applies on submit) and select filters
// (they apply at once). Labels and ids are the page's own, so tests and screen readers find them.
import { useState, type ReactNode } from 'react';

export function FilterBar({ label, onSearch, children }: { label: string; onSearch?: () => void; children: ReactNode }) {
  return (
    <form
      className="filters"
      role="search"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch?.();
      }}
    >
      {children}
    </form>
  );
}

/** The free-text search of a filter bar; `onSearch` gets the trimmed text when the form is sent. */
export function SearchFilter({ id, placeholder, text, onText }: { id: string; placeholder: string; text: string; onText(text: string): void }) {
  return (
    <div className="filter">
      <label htmlFor={id}>Search</label>
      <div className="search-row">
        <input id={id} type="search" placeholder={placeholder} value={text} onChange={(e) => onText(e.target.value)} />
        <button type="submit" className="btn">Search</button>
      </div>
    </div>
  );
}

/** A select filter whose first choice ("Any …") is the empty value. */
export function SelectFilter({ id, label, any, value, options, onChange }: { id: string; label: string; any: string; value: string; options: ReadonlyArray<readonly [value: string, label: string]>; onChange(value: string): void }) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </div>
  );
}

/**
 * A select filter inside a panel head's `inline-filters` row: a small muted label beside the
 * select, whose first choice ("All" unless told) is the empty value. Same choices as SelectFilter.
 */
export function InlineSelectFilter({ id, label, any = 'All', value, options, onChange }: { id: string; label: string; any?: string; value: string; options: ReadonlyArray<readonly [value: string, label: string]>; onChange(value: string): void }) {
  return (
    <>
      <label htmlFor={id} className="small muted">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    </>
  );
}

/** The "Clear" button, shown only while a filter is set. */
export function ClearFilters({ shown, onClear }: { shown: boolean; onClear(): void }) {
  if (!shown) return null;
  return (
    <button type="button" className="btn btn-small btn-ghost" onClick={onClear}>
      Clear
    </button>
  );
}

/**
 * The state of a filter bar: `filter` is what the list is asked for, `text` what is typed in the
 * search box until the form is sent.
 */
export function useFilters<F extends { q: string }>(blank: F) {
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<F>(blank);
  const set = (patch: Partial<F>) => setFilter({ ...filter, ...patch });
  return {
    text,
    setText,
    filter,
    set,
    search: () => set({ q: text.trim() } as Partial<F>),
    clear: () => (setText(''), setFilter(blank)),
    filtered: Object.values(filter).some(Boolean),
  };
}
