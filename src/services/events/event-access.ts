import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';

/** Events are national (issue #15): the nation's analysts and SOSA officers record them… */
export const EVENT_WRITERS: readonly Role[] = ['analyst', 'sosa_officer'];
/** …and they and its auditors (who read everything of their nation) read them. Any other nation: 404. */
export const EVENT_READERS: readonly Role[] = ['analyst', 'sosa_officer', 'auditor'];


export function eventNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No such disruption event.' });
}
