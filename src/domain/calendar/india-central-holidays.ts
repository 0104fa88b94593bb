import type { CalendarDefinition, HolidayEntry } from './calendar-definition.js';

/** A gazetted holiday as the memorandum lists it: its date and its name. */
type GazetteRow = readonly [date: string, name: string];

function holidays(rows: readonly GazetteRow[]): HolidayEntry[] {
  return rows.map(([date, name]) => ({ date, name }));
}

/**
 * Central Government offices in Delhi/New Delhi: the gazetted holidays of the DoPT office
 * memoranda (Annexure I), dpas-sosa-sources.md §4.2 [IN24][IN25][IN26]. DoPT publishes the next
 * year's list each July and Islamic holidays may move on moon sighting, so admins maintain the
 * list; these years are the seed. Holidays on a Saturday or Sunday get no substitute day (§4.2).
 * Never mix with the NCT Delhi *state* list (2026 Holi there is 03-03, here 03-04).
 */
export const INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly HolidayEntry[]>> = {
  // DoPT OM for 2024 [IN24]: 17 holidays.
  2024: holidays([
    ['2024-01-26', 'Republic Day'],
    ['2024-03-25', 'Holi'],
    ['2024-03-29', 'Good Friday'],
    ['2024-04-11', 'Id-ul-Fitr'],
    ['2024-04-17', 'Ram Navami'],
    ['2024-04-21', 'Mahavir Jayanti'], // Sunday
    ['2024-05-23', 'Buddha Purnima'],
    ['2024-06-17', 'Id-ul-Zuha (Bakrid)'],
    ['2024-07-17', 'Muharram'],
    ['2024-08-15', 'Independence Day'],
    ['2024-08-26', 'Janmashtami (Vaishnava)'],
    ['2024-09-16', 'Milad-un-Nabi or Id-e-Milad (Birthday of Prophet Mohammad)'],
    ['2024-10-02', "Mahatma Gandhi's Birthday"],
    ['2024-10-12', 'Dussehra'], // Saturday
    ['2024-10-31', 'Diwali (Deepavali)'],
    ['2024-11-15', "Guru Nanak's Birthday"],
    ['2024-12-25', 'Christmas Day'],
  ]),
  // DoPT OM for 2025 [IN25]: 17 holidays on 16 dates (Gandhi's Birthday and Dussehra coincide).
  2025: holidays([
    ['2025-01-26', 'Republic Day'], // Sunday
    ['2025-02-26', 'Maha Shivratri'],
    ['2025-03-14', 'Holi'],
    ['2025-03-31', 'Id-ul-Fitr'],
    ['2025-04-10', 'Mahavir Jayanti'],
    ['2025-04-18', 'Good Friday'],
    ['2025-05-12', 'Buddha Purnima'],
    ['2025-06-07', 'Id-ul-Zuha (Bakrid)'], // Saturday
    ['2025-07-06', 'Muharram'], // Sunday
    ['2025-08-15', 'Independence Day'],
    ['2025-08-16', 'Janmashtami (Vaishnava)'], // Saturday
    ['2025-09-05', 'Milad-un-Nabi or Id-e-Milad (Birthday of Prophet Mohammad)'],
    ['2025-10-02', "Mahatma Gandhi's Birthday; Dussehra"],
    ['2025-10-20', 'Diwali (Deepavali)'],
    ['2025-11-05', "Guru Nanak's Birthday"],
    ['2025-12-25', 'Christmas Day'],
  ]),
  // DoPT OM of 3 July 2025 for 2026 [IN26]: 17 holidays.
  2026: holidays([
    ['2026-01-26', 'Republic Day'],
    ['2026-03-04', 'Holi'],
    ['2026-03-21', 'Id-ul-Fitr'], // Saturday
    ['2026-03-26', 'Ram Navami'],
    ['2026-03-31', 'Mahavir Jayanti'],
    ['2026-04-03', 'Good Friday'],
    ['2026-05-01', 'Buddha Purnima'],
    ['2026-05-27', 'Id-ul-Zuha (Bakrid)'],
    ['2026-06-26', 'Muharram'],
    ['2026-08-15', 'Independence Day'], // Saturday
    ['2026-08-26', 'Milad-un-Nabi or Id-e-Milad (Birthday of Prophet Mohammad)'],
    ['2026-09-04', 'Janmashtami (Vaishnava)'],
    ['2026-10-02', "Mahatma Gandhi's Birthday"],
    ['2026-10-20', 'Dussehra'],
    ['2026-11-08', 'Diwali (Deepavali)'], // Sunday
    ['2026-11-24', "Guru Nanak's Birthday"],
    ['2026-12-25', 'Christmas Day'],
  ]),
};

/** All seeded years in one list, in date order. */
export const INDIA_CENTRAL_GAZETTED_HOLIDAYS: readonly HolidayEntry[] = Object.values(INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR).flat();

/**
 * India, central government offices in Delhi: Monday–Friday (central offices work a five-day
 * week; §4.2 [U]) in India Standard Time, the gazetted lists above as admin-maintained holidays,
 * no library (date-holidays' IN list is not the DoPT list and lists must never mix, §4.2).
 */
export const INDIA_CENTRAL_CALENDAR: CalendarDefinition = {
  nation: 'IN',
  timeZone: 'Asia/Kolkata',
  weekend: [6, 7],
  closeOfBusiness: null,
  library: null,
  added: INDIA_CENTRAL_GAZETTED_HOLIDAYS.map((h) => ({ ...h })),
  removed: [],
};
