// Field errors as people read them. The API names each bad field with a message written for API
// users ("must be a date that exists, as YYYY-MM-DD") or, for a value of the wrong type, the
// validation library's own words ("Invalid input: expected number, received null"). Under a
// form field the user needs what to do: "Enter a date", "Enter a quantity". Dates the server
// quotes ("lapsed on 2026-12-03") are shown in the user's locale.
import { formatDate } from './format.js';

/** The last segment of a field path, without the index: "items/0/quantity" → "quantity". */
function leaf(field: string): string {
  const parts = field.split('/').filter((p) => !/^\d+$/.test(p));
  return parts.at(-1) ?? field;
}

const WHAT: Record<string, string> = {
  quantity: 'a quantity',
  capacityPerDay: 'a capacity',
  amount: 'an amount',
  hours: 'a number of hours',
};

/** ISO calendar dates inside a message, in the user's locale. */
export function localDates(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b(?!T)/g, (iso) => formatDate(iso));
}

export function humanFieldMessage(field: string, message: string): string {
  const name = leaf(field);
  if (/expected number|^must be a number$/i.test(message)) {
    return `Enter ${WHAT[name] ?? 'a number'}`;
  }
  if (/expected string, received (null|undefined)/i.test(message)) return 'This field is required';
  // Date pickers never produce a badly formatted date: the field is empty or incomplete.
  if (/YYYY-MM-DD|invalid date/i.test(message)) {
    const rest = message.split(';').slice(1).join(';').trim();
    return rest ? `Enter a full date (day, month and year); ${rest}` : 'Enter a full date (day, month and year)';
  }
  if (/^Invalid input\b/i.test(message)) return 'Check this value';
  return localDates(message);
}
