import { z } from 'zod';

/**
 * A request as a peer instance shared it (issue #13): the body of its latest applied message,
 * i.e. the sender's border projection (services/federation/request-border-body.ts) with the
 * shared comments the `request.comment` messages added. The receiver holds it as the sender wrote
 * it; to show it, this reads the known parts and drops everything else (a sender of a newer
 * version may add fields: they are not shown until this instance knows what they mean). A part
 * that does not have its shape reads as empty rather than failing the whole copy.
 */
const text = z.string().max(20_000);
const values = z.record(z.string(), z.unknown());

const requestHead = z.object({
  id: z.string(),
  reference: text.catch(''),
  title: text.catch(''),
  fromNation: z.string().catch(''),
  toNation: z.string().catch(''),
  arrangementId: z.string().catch(''),
  workflowId: z.string().catch(''),
  state: z.string().catch(''),
  urgency: z.string().catch(''),
  programId: z.string().catch(''),
  requiredBy: z.string().nullable().catch(null),
  justification: text.catch(''),
  classification: z.string().catch(''),
  createdAt: z.string().nullable().catch(null),
  updatedAt: z.string().nullable().catch(null),
});

const organisation = z.object({ id: z.string(), name: z.string() });

const item = z.object({
  lineNo: z.number().int(),
  partNumber: z.string().nullable().catch(null),
  nsn: z.string().nullable().catch(null),
  description: text.catch(''),
  quantity: z.number().catch(0),
  unit: z.string().catch(''),
  requiredDeliveryDate: z.string().nullable().catch(null),
});

const historyEvent = z.object({
  at: z.string(),
  actorNation: z.string().catch(''),
  /** Who took the step, as the holder names its official; absent from copies sent before it crossed. */
  actorName: z.string().nullable().catch(null),
  action: z.string(),
  fromState: z.string().nullable().catch(null),
  toState: z.string().catch(''),
  fields: values.catch({}),
});

const comment = z.object({
  id: z.string(),
  author: z.object({ displayName: z.string(), nation: z.string(), organisation: z.string().nullable().catch(null) }),
  body: text,
  createdAt: z.string(),
});

/** A list whose unreadable entries are left out, rather than the whole list. */
function entries<T extends z.ZodType>(entry: T) {
  return z.array(z.unknown()).catch([]).transform((list) => list.flatMap((x) => {
    const parsed = entry.safeParse(x);
    return parsed.success ? [parsed.data as z.infer<T>] : [];
  }));
}

export const partnerCopyBodySchema = z.object({
  request: requestHead,
  fields: values.catch({}),
  supplier: organisation.nullable().catch(null),
  assignments: entries(z.object({ organisation, status: z.string(), details: values.catch({}) })),
  items: entries(item),
  history: entries(historyEvent),
  comments: entries(comment),
});
export type PartnerCopyBody = z.infer<typeof partnerCopyBodySchema>;

/** The copy's body as shown, or null when it does not even name its request. */
export function readPartnerCopyBody(body: unknown): PartnerCopyBody | null {
  const parsed = partnerCopyBodySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}
