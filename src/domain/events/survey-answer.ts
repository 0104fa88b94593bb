// A company's answer to an impact survey (issue #15, "Ask the suppliers"): for each of its
// sites the event strikes, affected or not, stock on hand, expected recovery date and
// alternative capacity; one comment. Pure: the schema, and the checks against the survey asked.
import { z } from 'zod';
import type { FieldError } from '../errors.js';
import { MAX_EVENT_DAYS } from './event-model.js';

const quantity = (what: string) => z.number().finite('must be a finite number').min(0, `${what} is not negative`).max(1_000_000_000, 'at most 1,000,000,000');
const calendarDate = z.iso.date('must be a date, e.g. 2027-01-15');

export const SURVEY_SITE_ANSWER_SCHEMA = z.strictObject({
  networkId: z.string().uuid('must be a network id'),
  nodeId: z.string().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  affected: z.boolean('answer true or false'),
  /** Finished units of the site's part on hand now (replaces the network's modelled inventory). */
  stockUnits: quantity('stock').optional(),
  /** When the site is expected to produce again (replaces the modelled outage). */
  expectedRecoveryOn: calendarDate.optional(),
  /** What it can still make per day while it recovers: another line, a sister plant (units/day). */
  alternativeCapacityPerDay: quantity('capacity').optional(),
});
export type SurveySiteAnswer = z.infer<typeof SURVEY_SITE_ANSWER_SCHEMA>;

export const SURVEY_ANSWER_SCHEMA = z.strictObject({
  sites: z.array(SURVEY_SITE_ANSWER_SCHEMA).min(1, 'answer for each site of the survey').max(500, 'at most 500 sites'),
  comment: z.string().trim().max(4000, 'at most 4,000 characters').default(''),
});
export type SurveyAnswer = z.infer<typeof SURVEY_ANSWER_SCHEMA>;

export interface SurveySite {
  networkId: string;
  nodeId: string;
}

const DAY_MS = 86_400_000;

/** Whole days from the event's start to the answered recovery date (00:00 UTC of that day), at least 0. */
export function recoveryDays(startedAt: string, recoveryOn: string): number {
  return Math.max(0, Math.ceil((Date.parse(`${recoveryOn}T00:00:00Z`) - Date.parse(startedAt)) / DAY_MS));
}

/**
 * What the schema cannot know: each site of the survey answered exactly once, no other site, the
 * figures of a recovery only for an affected site, and a recovery date from the event's start day
 * to the analysis horizon's limit. Field paths as the client sent them (sites/1/expectedRecoveryOn).
 */
export function checkAnswer(answer: SurveyAnswer, asked: readonly SurveySite[], eventStartedAt: string): FieldError[] {
  const errors: FieldError[] = [];
  const key = (s: SurveySite) => `${s.networkId}\u0000${s.nodeId}`;
  const askedKeys = new Set(asked.map(key));
  const seen = new Set<string>();
  const startDay = new Date(Date.parse(eventStartedAt)).toISOString().slice(0, 10);
  answer.sites.forEach((site, i) => {
    const k = key(site);
    if (!askedKeys.has(k)) errors.push({ field: `sites/${i}/nodeId`, message: `"${site.nodeId}" is not a site this survey asks about` });
    else if (seen.has(k)) errors.push({ field: `sites/${i}/nodeId`, message: `"${site.nodeId}" is answered twice` });
    seen.add(k);
    if (!site.affected) {
      for (const field of ['stockUnits', 'expectedRecoveryOn', 'alternativeCapacityPerDay'] as const) {
        if (site[field] !== undefined) errors.push({ field: `sites/${i}/${field}`, message: 'only for a site the event affects' });
      }
      return;
    }
    if (site.expectedRecoveryOn !== undefined) {
      if (site.expectedRecoveryOn < startDay) {
        errors.push({ field: `sites/${i}/expectedRecoveryOn`, message: `before the event started (${startDay})` });
      } else if (recoveryDays(eventStartedAt, site.expectedRecoveryOn) > MAX_EVENT_DAYS) {
        errors.push({ field: `sites/${i}/expectedRecoveryOn`, message: `at most ${MAX_EVENT_DAYS.toLocaleString('en-US')} days after the event started` });
      }
    }
  });
  asked.forEach((site) => {
    if (!seen.has(key(site))) errors.push({ field: 'sites', message: `"${site.nodeId}" is not answered` });
  });
  return errors;
}
