import type { CalendarDefinition, HolidayEntry } from './calendar-definition.js';

/**
 * Central Government offices in Delhi/New Delhi: the gazetted holidays of the DoPT office
 * memoranda (Annexure I), dpas-sosa-sources.md §4.2 [IN24][IN25][IN26]. DoPT publishes the next
 * year's list each July and Islamic holidays may move on moon sighting, so admins maintain the
 * list; these years are the seed. Holidays on a Saturday or Sunday get no substitute day (§4.2).
 * Never mix with the NCT Delhi *state* list (2026 Holi there is 03-03, here 03-04).
 */
export const INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR: Readonly<Record<number, readonly HolidayEntry[]>> = {
  // DoPT OM for 2024 [IN24]: 17 holidays.
  2024: [
    { date: '2024-01-26', name: 'Republic Day' },
    { date: '2024-03-25', name: 'Holi' },
    { date: '2024-03-29', name: 'Good Friday' },
    { date: '2024-04-11', name: 'Id-ul-Fitr' },
    { date: '2024-04-17', name: 'Ram Navami' },
    { date: '2024-04-21', name: 'Mahavir Jayanti' }, // Sunday
    { date: '2024-05-23', name: 'Buddha Purnima' },
    { date: '2024-06-17', name: 'Id-ul-Zuha (Bakrid)' },
    { date: '2024-07-17', name: 'Muharram' },
    { date: '2024-08-15', name: 'Independence Day' },
    { date: '2024-08-26', name: 'Janmashtami (Vaishnava)' },
    { date: '2024-09-16', name: 'Milad-un-Nabi or Id-e-Milad (Birthday of Prophet Mohammad)' },
    { date: '2024-10-02', name: "Mahatma Gandhi's Birthday" },
    { date: '2024-10-12', name: 'Dussehra' }, // Saturday
    { date: '2024-10-31', name: 'Diwali (Deepavali)' },
    { date: '2024-11-15', name: "Guru Nanak's Birthday" },
    { date: '2024-12-25', name: 'Christmas Day' },
  ],
  // DoPT OM for 2025 [IN25]: 17 holidays on 16 dates (Gandhi's Birthday and Dussehra coincide).
  2025: [
    { date: '2025-01-26', name: 'Republic Day' }, // Sunday
    { date: '2025-02-26', name: 'Maha Shivratri' },
    { date: '2025-03-14', name: 'Holi' },
    { date: '2025-03-31', name: 'Id-ul-Fitr' },
    { date: '2025-04-10', name: 'Mahavir Jayanti' },
    { date: '2025-04-18', name: 'Good Friday' },
    { date: '2025-05-12', name: 'Buddha Purnima' },
    { date: '2025-06-07', name: 'Id-ul-Zuha (Bakrid)' }, // Saturday
    { date: '2025-07-06', name: 'Muharram' }, // Sunday
    { date: '2025-08-15', name: 'Independence Day' },
    { date: '2025-08-16', name: 'Janmashtami (Vaishnava)' }, // Saturday
    { date: '2025-09-05', name: 'Milad-un-Nabi or Id-e-Milad (Birthday of Prophet Mohammad)' },
    { date: '2025-10-02', name: "Mahatma Gandhi's Birthday; Dussehra" },
    { date: '2025-10-20', name: 'Diwali (Deepavali)' },
    { date: '2025-11-05', name: "Guru Nanak's Birthday" },
    { date: '2025-12-25', name: 'Christmas Day' },
  ],
  // DoPT OM of 3 July 2025 for 2026 [IN26]: 17 holidays.
  2026: [
    { date: '2026-01-26', name: 'Republic Day' },
    { date: '2026-03-04', name: 'Holi' },
    { date: '2026-03-21', name: 'Id-ul-Fitr' }, // Saturday
    { date: '2026-03-26', name: 'Ram Navami' },
    { date: '2026-03-31', name: 'Mahavir Jayanti' },
    { date: '2026-04-03', name: 'Good Friday' },
    { date: '2026-05-01', name: 'Buddha Purnima' },
    { date: '2026-05-27', name: 'Id-ul-Zuha (Bakrid)' },
    { date: '2026-06-26', name: 'Muharram' },
    { date: '2026-08-15', name: 'Independence Day' }, // Saturday
    { date: '2026-08-26', name: 'Milad-un-Nabi or Id-e-Milad (Birthday of Prophet Mohammad)' },
    { date: '2026-09-04', name: 'Janmashtami (Vaishnava)' },
    { date: '2026-10-02', name: "Mahatma Gandhi's Birthday" },
    { date: '2026-10-20', name: 'Dussehra' },
    { date: '2026-11-08', name: 'Diwali (Deepavali)' }, // Sunday
    { date: '2026-11-24', name: "Guru Nanak's Birthday" },
    { date: '2026-12-25', name: 'Christmas Day' },
  ],
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
