// Words and numbers for people in the CLI's output: plurals, cut lists with a count, money with
// its currency, dates in the user's locale.

/** "1 disruption", "21 disruptions", "1,250 nodes". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? singular : plural}`;
}

/** The first `shown` items and how many more: "F414, LCA, AMCA +2 more". */
export function listCell(items: readonly string[], shown = 3): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} +${(items.length - shown).toLocaleString()} more`;
}

/** A whole amount with its ISO 4217 code: "USD 1,250,000" (in the user's locale's grouping). */
export function money(amount: number, currency: string): string {
  const rounded = Math.round(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, currencyDisplay: 'code', maximumFractionDigits: 0, minimumFractionDigits: 0 })
      .format(Object.is(rounded, -0) ? 0 : rounded)
      .replace(/\u00a0/g, ' ');
  } catch {
    return `${currency} ${rounded.toLocaleString()}`;
  }
}

/** A calendar date (YYYY-MM-DD, no time zone) or a timestamp, as the user's locale writes it. */
export function date(value: string | null | undefined): string {
  if (!value) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', ...(dateOnly ? { timeZone: 'UTC' } : {}) });
}

/** Days with one decimal at most: "12 days", "0.5 days", "1 day". */
export function days(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return `${rounded.toLocaleString()} ${rounded === 1 ? 'day' : 'days'}`;
}

const ROLE_LABEL: Record<string, string> = {
  sosa_officer: 'SOSA officer',
  program_determination: 'program determination',
  rating_authority: 'rating authority',
  supplier: 'supplier',
  analyst: 'analyst',
  auditor: 'auditor',
  admin: 'admin',
};

/** A role as people say it ("SOSA officer", not "sosa_officer"). */
export function roleLabel(role: string): string {
  return ROLE_LABEL[role] ?? role.replace(/_/g, ' ');
}
