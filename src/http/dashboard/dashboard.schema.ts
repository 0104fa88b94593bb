import { z } from '@hono/zod-openapi';
import { grossDebtSchema, netBalanceSchema } from '../partnership/partnership.schema.js';

const countsByStatus = z.record(z.string(), z.number().int()).openapi({ description: 'How many records are in each status' });

const overdueEntrySchema = z.strictObject({
  kind: z.enum(['deadline', 'action_item', 'settlement']),
  link: z.string().openapi({ description: 'The register page to open (a web route)' }),
  reference: z.string(),
  title: z.string(),
  detail: z.string(),
  dueAt: z.string(),
});

/** The partnership dashboard: a section the caller may not list is null, never zero. */
export const dashboardSchema = z
  .strictObject({
    nation: z.string(),
    generatedAt: z.string(),
    requests: z.strictObject({
      open: z.strictObject({
        total: z.number().int(),
        incoming: z.number().int(),
        outgoing: z.number().int(),
        byState: z.array(z.strictObject({ state: z.string(), label: z.string(), total: z.number().int(), incoming: z.number().int(), outgoing: z.number().int() })),
      }),
      overdue: z.number().int(),
    }),
    actionItems: z.strictObject({ open: z.number().int(), overdue: z.number().int(), escalated: z.number().int(), byStatus: countsByStatus }),
    logistics: z.strictObject({ openOrders: z.number().int(), balances: z.array(grossDebtSchema), net: z.array(netBalanceSchema), overdue: z.number().int() }).nullable(),
    liaison: z
      .strictObject({
        active: z.number().int(),
        endingWithinDays: z.number().int(),
        ending: z.number().int(),
        endingSoon: z.array(z.strictObject({ id: z.string(), officer: z.string(), hostCommand: z.string(), endDate: z.string().nullable(), daysToEnd: z.number().int().nullable() })),
      })
      .nullable(),
    codeOfConduct: z.strictObject({ total: z.number().int(), byStatus: countsByStatus }).nullable().openapi({ description: "Counted only for the nation that keeps a Code of Conduct registry" }),
    programs: z
      .strictObject({
        total: z.number().int(),
        byStatus: countsByStatus,
        nextMilestones: z.array(z.strictObject({ programId: z.string(), program: z.string(), title: z.string(), dueOn: z.string(), status: z.string() })),
      })
      .nullable(),
    spa: z.strictObject({ total: z.number().int(), byStatus: countsByStatus }).nullable(),
    notifications: z.strictObject({ unread: z.number().int() }),
    overdue: z.array(overdueEntrySchema).openapi({ description: 'Everything past due, oldest first: request deadlines, action items, settlements' }),
  })
  .openapi('Dashboard');
