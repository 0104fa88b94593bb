import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INLINE_ATTACHMENT_BYTES, requestAttachmentBodySchema, requestSubmitBodySchema, spaSetBodySchema } from './bodies.js';
import { spaPartnerView } from '../access/border/spa.js';

// Issue #13: the `request.submit` body is checked on arrival; a body not of this shape is refused.
const valid = {
  request: {
    id: '6f1c8a8e-8b7a-4d3c-9d59-2a7c1f0b9e11',
    arrangementId: 'US-IN',
    fromNation: 'IN',
    toNation: 'US',
    title: 'F414 turbine blades',
    programId: 'IN-LCA-MK2-ENGINE',
    justification: 'Production lot 3',
    urgency: 'routine',
    classification: 'UNCLASSIFIED',
    requiredBy: '2027-06-30',
    items: [{ partNumber: 'F414-HPT-1', description: 'Blade', quantity: 40, unit: 'ea', requiredDeliveryDate: '2027-06-01' }],
  },
  submitter: { displayName: 'Cdr. A. Rao', nation: 'IN', organisation: 'Ministry of Defence' },
  submittedAt: '2026-12-04T09:30:00+05:30',
};

describe('request.submit body (issue #13)', () => {
  it('takes the request as POST /requests takes it, with its id, arrangement and named submitter', () => {
    assert.equal(requestSubmitBodySchema.safeParse(valid).success, true);
  });

  it("refuses a submitter identified by an account of the sending instance, and content POST /requests would refuse", () => {
    const withLogin = { ...valid, submitter: { ...valid.submitter, username: 'in.sosa' } };
    assert.equal(requestSubmitBodySchema.safeParse(withLogin).success, false);
    assert.equal(requestSubmitBodySchema.safeParse({ ...valid, request: { ...valid.request, items: [] } }).success, false);
    assert.equal(requestSubmitBodySchema.safeParse({ ...valid, request: { ...valid.request, requiredBy: '2027-02-30' } }).success, false);
    assert.equal(requestSubmitBodySchema.safeParse({ ...valid, request: { ...valid.request, id: 'not-a-uuid' } }).success, false);
  });
});

// Issue #13: `spa.set` carries the partner view the border builds (border/spa.ts), nothing more.
describe('spa.set body (issue #13)', () => {
  const view = spaPartnerView({
    id: '0b6f3c2e-5d4a-4f1e-9c8b-7a6d5e4f3a21',
    reference: 'SPA-US-2026-00001',
    status: 'submitted',
    nation: 'US',
    organisationId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    companyName: 'Lynn Turbine Components',
    program: 'F414-INS6 co-production',
    actionRequested: 'Direct the mill to schedule the rated order.',
    outcomeNote: null,
    createdAt: new Date('2026-12-04T10:00:00Z'),
    updatedAt: new Date('2026-12-04T10:00:00Z'),
    submittedAt: new Date('2026-12-04T10:00:00Z'),
    forwardedAt: null,
    closedAt: null,
    version: 1,
    orders: [{ line_no: 1, order_number: 'IN-US-1/PO-1', rating: 'DO-A1', items: 'Blades', quantity: 40, required_delivery_date: '2027-03-31', promised_delivery_date: null }],
  });
  const requests = [{ id: '6f1c8a8e-8b7a-4d3c-9d59-2a7c1f0b9e11', arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' }];

  it("takes the border's partner view of a filed SPA with the partner's requests it concerns", () => {
    assert.equal(spaSetBodySchema.safeParse({ spa: view, requests }).success, true);
  });

  it("refuses the company's BIS-999 content, a field the view does not have, a draft, and an SPA about no request", () => {
    assert.equal(spaSetBodySchema.safeParse({ spa: { ...view, problem: 'The press is down.' }, requests }).success, false);
    assert.equal(spaSetBodySchema.safeParse({ spa: { ...view, requester: { name: 'R. Okoye', title: null, email: 'r@lynn.example', phone: null } }, requests }).success, false);
    assert.equal(spaSetBodySchema.safeParse({ spa: { ...view, orders: [{ ...view.orders[0], orderId: '6f1c8a8e-8b7a-4d3c-9d59-2a7c1f0b9e11' }] }, requests }).success, false);
    assert.equal(spaSetBodySchema.safeParse({ spa: { ...view, internalNote: 'x' }, requests }).success, false);
    assert.equal(spaSetBodySchema.safeParse({ spa: { ...view, status: 'draft' }, requests }).success, false);
    assert.equal(spaSetBodySchema.safeParse({ spa: view, requests: [] }).success, false);
  });
});

describe('request.attachment body (issue #13)', () => {
  const attachment = {
    id: '0b9a4c1e-2f6d-4a8b-9c3e-5d7f1a2b3c4d',
    filename: 'drawing.pdf',
    contentType: 'application/pdf',
    size: 5,
    sha256: 'a'.repeat(64),
    uploader: { displayName: 'Dana Whitfield', nation: 'US', organisation: 'DoD' },
    visibility: 'shared',
    createdAt: '2026-12-04T09:30:00Z',
    content: 'aGVsbG8=',
  };
  const body = (changes: Record<string, unknown>) => ({ request: { id: '6f1c8a8e-8b7a-4d3c-9d59-2a7c1f0b9e11', arrangementId: 'US-IN', fromNation: 'IN', toNation: 'US' }, attachment: { ...attachment, ...changes } });

  it('takes a shared file named by its uploader, with its content or without it (not transferred)', () => {
    assert.equal(requestAttachmentBodySchema.safeParse(body({})).success, true);
    assert.equal(requestAttachmentBodySchema.safeParse(body({ content: null, size: 5_000_000 })).success, true);
  });

  it('refuses an internal file, an account of the sender, a path in the name, and content larger than a message carries', () => {
    for (const changes of [
      { visibility: 'internal' },
      { uploadedBy: '7d0c2f3e-1111-4a8b-9c3e-5d7f1a2b3c4d' },
      { uploader: { ...attachment.uploader, userId: 'x' } },
      { filename: '../../etc/passwd.pdf' },
      { sha256: 'not-a-hash' },
      { content: 'A'.repeat(Math.ceil(INLINE_ATTACHMENT_BYTES / 3) * 4 + 4) },
    ]) {
      assert.equal(requestAttachmentBodySchema.safeParse(body(changes)).success, false, JSON.stringify(changes).slice(0, 80));
    }
  });
});
