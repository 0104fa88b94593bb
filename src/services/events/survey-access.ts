import { AppError } from '../../domain/errors.js';
import type { Role } from '../../domain/workflows/workflow-definition.js';

/**
 * Impact surveys (issue #15): a company answers for its own sites only. The nation's side (send,
 * the answers of every company, the site statuses) is the event's: EVENT_WRITERS and
 * EVENT_READERS of event-access.ts.
 */
export const SURVEY_ANSWERERS: readonly Role[] = ['supplier'];

export function surveyNotFound(): AppError {
  return new AppError('NOT_FOUND', { detail: 'No such survey.' });
}
