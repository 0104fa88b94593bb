/** Domain bounds shared by every boundary that takes a date or a quantity (issue #10: bounds at every boundary). */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2100-12-31';
export const QUANTITY_MAX = 1_000_000_000;
