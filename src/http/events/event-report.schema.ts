import { z } from '@hono/zod-openapi';
import { SITE_STATUSES } from '../../domain/events/site-status.js';

/** GET /events/{id}/report: JSON (default), a Markdown document, or a PDF. */
export const eventReportQuerySchema = z.strictObject({
  format: z.enum(['json', 'markdown', 'pdf']).optional().openapi({ description: 'json (default), markdown (text/markdown) or pdf (application/pdf); the two documents are audited as exports' }),
});

const span = z.strictObject({
  hours: z.number().nullable().openapi({ description: 'Hours from the event’s start; null when the milestone did not happen' }),
  text: z.string().openapi({ description: '"2 d 5 h", or why there is no span ("no request was submitted")' }),
});
const milestone = z.strictObject({ at: z.string().nullable(), sinceStart: span });
const loss = z.strictObject({ lostUnits: z.number(), lostValue: z.number() });

export const eventReportSchema = z
  .strictObject({
    event: z.strictObject({ id: z.string(), title: z.string(), kind: z.string(), startedAt: z.string(), recordedAt: z.string(), closedAt: z.string(), closingNote: z.string() }),
    milestones: z.strictObject({
      started: milestone,
      recorded: milestone,
      firstRequest: milestone,
      restored: milestone.extend({ sitesHit: z.number().int(), sitesRestored: z.number().int() }).openapi({ description: 'Every struck site that was hit (last status not No impact) restored: the last restoration' }),
      closed: milestone,
    }),
    sites: z.array(z.strictObject({ networkId: z.string(), nodeId: z.string(), part: z.string(), status: z.enum(SITE_STATUSES), statusLabel: z.string(), restoredAt: z.string().nullable() })),
    comparison: z.strictObject({
      status: z.enum(['ready', 'computing', 'failed']).openapi({ description: 'computing: the analyses run in the background; ask again' }),
      programs: z.array(
        z.strictObject({
          networkId: z.string(),
          networkName: z.string(),
          program: z.string(),
          currency: z.string(),
          noAction: loss,
          withAnswers: loss,
          withAction: loss,
          avoided: loss.openapi({ description: 'no action − with action' }),
          avoidedBySupply: loss.openapi({ description: "with the answers − with action: what the partner's supply saved" }),
        }),
      ),
      totals: z.array(z.strictObject({ currency: z.string(), noActionValue: z.number(), withActionValue: z.number(), avoidedValue: z.number() })),
    }),
    supply: z.array(
      z.strictObject({
        reference: z.string(),
        state: z.string(),
        part: z.string(),
        quantity: z.number(),
        unit: z.string(),
        arrivesOn: z.string(),
        arrival: z.enum(['delivered', 'requiredBy']),
        counted: z.boolean(),
        note: z.string().nullable(),
      }),
    ),
    method: z.string().openapi({ description: 'How the lost output and "avoided" are defined' }),
  })
  .openapi('EventAfterReport');
