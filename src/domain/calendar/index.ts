export {
  createWorkingCalendar,
  hoursDeadline,
  workingDayDeadline,
  type CalendarDefinition,
  type HolidayEntry,
  type IsoDate,
  type WorkingCalendar,
  type WorkingDayDeadline,
} from './working-days.js';
export { libraryCalendar } from './calendar-definition.js';
export { US_FEDERAL_CALENDAR, usFederalHolidays } from './us-federal-holidays.js';
export { INDIA_CENTRAL_CALENDAR, INDIA_CENTRAL_GAZETTED_HOLIDAYS, INDIA_CENTRAL_GAZETTED_HOLIDAYS_BY_YEAR } from './india-central-holidays.js';
