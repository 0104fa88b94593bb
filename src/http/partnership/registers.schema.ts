import { z } from '@hono/zod-openapi';
import { itemList } from '../item-list.js';
import { SECTORS } from '../../domain/partnership/rank-subscribers.js';
import { SUBSCRIPTION_STATUSES } from '../../domain/partnership/subscription-status.js';
import { boundedDate } from '../validation.js';
import { UUID } from '../../domain/uuid.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');
const nation = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code');
const version = z.number().int('must be a whole number').min(1).max(2_147_483_647);
const uuid = z.string().regex(UUID, 'must be a UUID');
const email = z.union([z.literal(''), z.string().trim().max(200).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address')]).default('');

export const idParam = z.object({ id: z.string() });

// --- Code of Conduct registry ------------------------------------------------------------------
export const capabilitySchema = z.strictObject({
  // NSN Federal Supply Class: the first 4 digits of the 13-digit NSN.
  fsc: z.union([z.string().regex(/^[0-9]{4}$/, 'must be a 4-digit Federal Supply Class such as 2840'), z.null()]).default(null),
  sector: z.enum(SECTORS),
  description: text(2000),
  partNumbers: z.array(text(100)).max(100).default([]),
});
export const contactSchema = z.strictObject({ name: text(200), role: optionalText(200), email, phone: optionalText(60) });
const signedBy = z.strictObject({ name: text(200), title: text(200) });

export const newSubscriptionSchema = z
  .strictObject({
    organisationId: uuid.optional(),
    newCompany: z.strictObject({ name: text(200), shortName: z.string().trim().regex(/^[A-Za-z0-9&().-]{2,20}$/, 'must be 2–20 letters, digits or &().-') }).optional(),
    subscribedOn: boundedDate,
    signedBy,
    notes: optionalText(4000),
    capabilities: z.array(capabilitySchema).max(100).default([]),
    contacts: z.array(contactSchema).max(50).default([]),
  })
  .refine((v) => (v.organisationId ? 1 : 0) + (v.newCompany ? 1 : 0) === 1, { message: 'give either organisationId (a registered company) or newCompany', path: ['organisationId'] });

export const subscriptionDetailsSchema = z.strictObject({
  version,
  signedBy,
  notes: optionalText(4000),
  capabilities: z.array(capabilitySchema).max(100),
  contacts: z.array(contactSchema).max(50),
});

export const statusChangeSchema = z.strictObject({ version, status: z.enum(SUBSCRIPTION_STATUSES), effectiveOn: boundedDate, reason: optionalText(2000) });

export const subscriberQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  sector: z.enum(SECTORS).optional(),
  fsc: z.string().regex(/^[0-9]{4}$/, 'must be a 4-digit Federal Supply Class').optional(),
});

// --- Liaison officers ----------------------------------------------------------------------------
export const POSTING_STATUSES = ['planned', 'active', 'ended'] as const;
const documentSchema = z.strictObject({ title: text(300), number: optionalText(100), issuedOn: boundedDate.nullable().default(null) });
export const postingSchema = z.strictObject({
  officerName: text(200),
  officerRank: optionalText(100),
  serviceNumber: text(60),
  hostNation: nation,
  hostCommand: text(200),
  location: optionalText(200),
  startDate: boundedDate,
  endDate: boundedDate.nullable().default(null),
  status: z.enum(POSTING_STATUSES),
  hostPoc: z.strictObject({ name: optionalText(200), email }).default({ name: '', email: '' }),
  notes: optionalText(4000),
  documents: z.array(documentSchema).max(50).default([]),
});
export const postingUpdateSchema = postingSchema.extend({ version });
export const postingQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  status: z.enum(POSTING_STATUSES).optional(),
  role: z.enum(['sending', 'hosting']).optional(),
  endingWithinDays: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'must be a whole number of days, at most 9999')
    .transform(Number)
    .optional(),
});

// --- Co-production programs ------------------------------------------------------------------------
export const PROGRAM_STATUSES = ['proposed', 'active', 'paused', 'completed', 'cancelled'] as const;
const milestoneSchema = z.strictObject({
  title: text(300),
  dueOn: boundedDate,
  status: z.enum(['planned', 'on_track', 'at_risk', 'done', 'missed']),
  completedOn: boundedDate.nullable().default(null),
});
const level = z.number().int('must be a whole number from 1 to 5').min(1, 'must be from 1 to 5').max(5, 'must be from 1 to 5');
const riskSchema = z.strictObject({ title: text(300), likelihood: level, impact: level, owner: text(200), mitigation: optionalText(2000), status: z.enum(['open', 'mitigated', 'closed']) });
const programBody = {
  name: text(200),
  description: optionalText(4000),
  status: z.enum(PROGRAM_STATUSES),
  startDate: boundedDate.nullable().default(null),
  partnerNations: z.array(nation).max(30).default([]),
  dpasProgramSymbol: z.union([z.string().regex(/^[A-Z][0-9]$/, 'must be a Schedule I program symbol such as A1'), z.null()]).default(null),
  // Links to registers of other desks (supply networks, working groups): no foreign key.
  networkId: z.union([uuid, z.null()]).default(null),
  workingGroupId: z.union([uuid, z.null()]).default(null),
  milestones: z.array(milestoneSchema).max(200).default([]),
  risks: z.array(riskSchema).max(200).default([]),
};
export const newProgramSchema = z.strictObject({ id: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, 'must be 3–40 capital letters, digits or hyphens, e.g. IN-F414'), ...programBody });
export const programUpdateSchema = z.strictObject({ version, ...programBody });
export const programQuerySchema = z.strictObject({ q: z.string().max(200).optional(), status: z.enum(PROGRAM_STATUSES).optional(), partner: nation.optional() });

// --- What the Code of Conduct registry sends --------------------------------------------------
const trackRecordShape = {
  received: z.number().int(),
  committed: z.number().int(),
  declined: z.number().int(),
  delivered: z.number().int(),
  deliveredOnTime: z.number().int(),
};

export const subscriptionViewSchema = z
  .strictObject({
    id: z.string(),
    organisation: z.strictObject({ id: z.string(), name: z.string(), shortName: z.string() }),
    nation: z.string(),
    subscribedOn: z.string(),
    signedBy: z.strictObject({ name: z.string(), title: z.string() }),
    status: z.enum(SUBSCRIPTION_STATUSES),
    statusSince: z.string(),
    notes: z.string(),
    version: z.number().int(),
    capabilities: z.array(z.strictObject({ id: z.string(), fsc: z.string().nullable(), sector: z.string(), description: z.string(), partNumbers: z.array(z.string()) })),
    contacts: z.array(z.strictObject({ id: z.string(), name: z.string(), role: z.string(), email: z.string(), phone: z.string() })),
    stats: z.strictObject({ ...trackRecordShape, onTimeRate: z.number().nullable() }).openapi({ description: 'The company\'s record on the requests routed to it' }),
    history: z
      .array(z.strictObject({ at: z.string(), actor: z.string().nullable(), from: z.enum(SUBSCRIPTION_STATUSES).nullable(), to: z.enum(SUBSCRIPTION_STATUSES), effectiveOn: z.string(), reason: z.string() }))
      .optional()
      .openapi({ description: 'Every status change, on the one-subscription routes' }),
  })
  .openapi('CodeOfConductSubscription');

export const subscriptionListSchema = itemList(subscriptionViewSchema);

export const candidateSubscribersSchema = z.strictObject({
  requestId: z.string(),
  items: z.array(
    z.strictObject({
      organisationId: z.string(),
      name: z.string(),
      shortName: z.string(),
      subscribedOn: z.string(),
      matchScore: z.number(),
      reasons: z.array(z.string()).openapi({ description: 'Why the firm matches, in words for the officer who routes' }),
      onTimeRate: z.number().nullable(),
      commitmentRate: z.number().nullable(),
      stats: z.strictObject(trackRecordShape),
    }),
  ),
  unavailable: z.array(z.strictObject({ organisationId: z.string(), name: z.string(), shortName: z.string(), status: z.string(), statusSince: z.string() })).openapi({ description: 'Subscribers that lapsed or withdrew, so the officer sees why a known firm is missing' }),
});

// --- What the programs register sends ---------------------------------------------------------
const milestoneViewSchema = z.strictObject({ id: z.string(), title: z.string(), dueOn: z.string(), status: z.enum(['planned', 'on_track', 'at_risk', 'done', 'missed']), completedOn: z.string().nullable() });

export const programViewSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    leadNation: z.string(),
    partnerNations: z.array(z.string()),
    status: z.enum(PROGRAM_STATUSES),
    startDate: z.string().nullable(),
    dpasProgramSymbol: z.string().nullable(),
    networkId: z.string().nullable(),
    workingGroupId: z.string().nullable(),
    version: z.number().int(),
    milestones: z.array(milestoneViewSchema),
    risks: z.array(
      z.strictObject({ id: z.string(), title: z.string(), likelihood: z.number().int(), impact: z.number().int(), score: z.number().int(), owner: z.string(), mitigation: z.string(), status: z.enum(['open', 'mitigated', 'closed']) }),
    ),
    nextMilestone: milestoneViewSchema.nullable().openapi({ description: 'The next milestone not done' }),
    openRisks: z.number().int(),
    requests: z
      .array(z.strictObject({ id: z.string(), reference: z.string(), title: z.string(), state: z.string(), fromNation: z.string(), toNation: z.string(), urgency: z.string(), requiredBy: z.string() }))
      .optional()
      .openapi({ description: "On the one-program routes: the priority requests under it that the caller's nation is party to" }),
  })
  .openapi('Program');

export const programListSchema = itemList(programViewSchema);

// --- What the liaison officer postings send ---------------------------------------------------
export const postingViewSchema = z
  .strictObject({
    id: z.string(),
    officer: z.strictObject({ name: z.string(), rank: z.string(), serviceNumber: z.string() }),
    sendingNation: z.string(),
    hostNation: z.string(),
    hostCommand: z.string(),
    location: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    status: z.enum(POSTING_STATUSES),
    daysToEnd: z.number().int().nullable(),
    hostPoc: z.strictObject({ name: z.string(), email: z.string() }),
    notes: z.string(),
    documents: z.array(z.strictObject({ id: z.string(), title: z.string(), number: z.string(), issuedOn: z.string().nullable() })),
    version: z.number().int(),
    canEdit: z.boolean().openapi({ description: "Only the sending nation's SOSA officer edits" }),
  })
  .openapi('LiaisonPosting');

export const postingListSchema = z.strictObject({ today: z.string(), items: z.array(postingViewSchema) });
