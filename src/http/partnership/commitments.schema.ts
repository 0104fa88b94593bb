import { z } from '@hono/zod-openapi';

export const commitmentItemSchema = z.strictObject({
  reference: z.string(),
  status: z.enum(['pending', 'committed', 'declined', 'closed']),
  routedAt: z.string(),
  decidedAt: z.string().nullable(),
  requestId: z.string().nullable().openapi({ description: 'Set while the company may open the request (asked, or committed)' }),
  title: z.string().nullable(),
  urgency: z.string().nullable(),
  requiredBy: z.string().nullable(),
  state: z.strictObject({ id: z.string(), label: z.string() }).nullable(),
  answerBy: z.strictObject({ dueAt: z.string(), overdue: z.boolean() }).nullable().openapi({ description: 'The running company-response deadline' }),
  promisedDeliveryDate: z.string().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable().openapi({ description: "The company's own reason, when it declined" }),
});

export const companyCommitmentsSchema = z.strictObject({
  company: z.strictObject({ id: z.string(), name: z.string(), nation: z.string() }),
  subscription: z.strictObject({ status: z.enum(['active', 'lapsed', 'withdrawn']), statusSince: z.string(), subscribedOn: z.string() }).nullable(),
  items: z.array(commitmentItemSchema),
});
export type CompanyCommitmentsBody = z.infer<typeof companyCommitmentsSchema>;
