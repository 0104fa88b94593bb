// Tooltip rows in the text colour: the bars' own colours are too light for text (WCAG 1.4.3).
export const TOOLTIP_ITEM = { color: '#1c2430' };
