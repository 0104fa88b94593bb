import { PRIORITIES, type Priority } from './types.js';

/** Class index of a priority: 0 = DX, 1 = DO, 2 = unrated (700.14(b) precedence, highest first). */
export const CLASS_COUNT = PRIORITIES.length;

export function classOf(priority: Priority): number {
  return priority === 'DX' ? 0 : priority === 'DO' ? 1 : 2;
}

export function priorityOfClass(c: number): Priority {
  return PRIORITIES[c]!;
}
