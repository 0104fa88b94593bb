import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access/actor.js';
import { AppError } from '../../domain/errors.js';
import { EVENT_KINDS, type EventPlace } from '../../domain/events/event-model.js';
import { auditAs } from '../../store/audit.repository.js';
import { insertSurveyRows, listCompanyUserIds, listEventSurveyRows, lockEvent } from '../../store/event-surveys.repository.js';
import { findEventRow } from '../../store/disruption-events.repository.js';
import type { AppContext } from '../context.js';
import { notifyUsers } from '../notifications/notify.js';
import { eventNotFound } from './event-access.js';
import { listEventSurveys, type EventSurveysView } from './list-event-surveys.js';
import { listStruckSites, type StruckSite } from './struck-sites.js';
import { isUuid } from '../../domain/uuid.js';

const KIND_WORDS: Record<(typeof EVENT_KINDS)[number], string> = {
  siteIncident: 'a site fire or accident',
  naturalHazard: 'a natural hazard',
  portOrLaneClosure: 'a port or sea-lane closure',
  exportRestriction: 'an export restriction',
  cyber: 'a cyber incident',
  supplierInsolvency: 'a supplier insolvency',
  conflict: 'a conflict',
};

/**
 * Sends an impact survey to each company of the nation whose sites the event strikes and that has
 * none yet (or to the `companies` named among them), each asking about exactly its struck sites.
 * Audited per survey; the company's users are told in the app (and by e-mail per their
 * preferences) — the notification says what the survey says, nothing of the event's own text.
 */
export async function sendSurveys(ctx: AppContext, { actor, eventId, companies }: { actor: Actor; eventId: string; companies?: readonly string[] | undefined }): Promise<EventSurveysView> {
  if (!isUuid(eventId)) throw eventNotFound();
  const event = await findEventRow(ctx.store.db, actor.nation, eventId);
  if (!event) throw eventNotFound();
  const struck = await listStruckSites(ctx.store.db, actor.nation, event.places as EventPlace[]);
  await ctx.store.db.transaction().execute(async (trx) => {
    const locked = await lockEvent(trx, actor.nation, eventId);
    if (!locked) throw eventNotFound();
    if (locked.status !== 'open') throw new AppError('ACTION_NOT_ALLOWED_IN_STATE', { detail: 'The event is closed: no new surveys.' });
    const asked = new Set((await listEventSurveyRows(trx, actor.nation, eventId)).map((s) => s.organisation_id));
    const byCompany = new Map<string, { company: NonNullable<StruckSite['company']>; sites: StruckSite[] }>();
    for (const s of struck) {
      if (!s.company || asked.has(s.company.id)) continue;
      const entry = byCompany.get(s.company.id) ?? { company: s.company, sites: [] };
      if (!entry.sites.some((x) => x.networkId === s.networkId && x.nodeId === s.nodeId)) entry.sites.push(s);
      byCompany.set(s.company.id, entry);
    }
    if (companies !== undefined) {
      const errors = companies.flatMap((id, i) => (byCompany.has(id) ? [] : [{ field: `companies/${i}`, message: asked.has(id) ? 'this company has its survey already' : 'not a company of the nation whose sites this event strikes' }]));
      if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { detail: 'A company named cannot be asked.', errors });
      for (const id of [...byCompany.keys()]) if (!companies.includes(id)) byCompany.delete(id);
    }
    if (byCompany.size === 0) throw new AppError('CONFLICT', { detail: asked.size > 0 ? 'Every company of the nation whose sites the event strikes has its survey.' : 'The event strikes no site linked to a company of the nation: nobody to ask.' });
    const now = ctx.now();
    const rows = [...byCompany.values()].map(({ company, sites }) => ({
      id: randomUUID(),
      event_id: eventId,
      nation: actor.nation,
      organisation_id: company.id,
      sites: JSON.stringify(sites.map((s) => ({ networkId: s.networkId, nodeId: s.nodeId, part: s.part }))),
      sent_by: actor.userId,
      sent_at: now,
      company,
      siteCount: sites.length,
    }));
    await insertSurveyRows(
      trx,
      rows.map(({ company: _c, siteCount: _n, ...row }) => row),
    );
    const started = new Date(locked.started_at).toISOString().slice(0, 10);
    for (const row of rows) {
      await auditAs(trx, actor, { action: 'event.survey_sent', entityType: 'disruption_event', entityId: eventId, data: { surveyId: row.id, company: row.company.shortName, organisationId: row.company.id, sites: JSON.parse(row.sites) } });
      await notifyUsers(ctx, trx, await listCompanyUserIds(trx, row.company.id), {
        kind: 'event_survey',
        title: `Impact survey: ${row.siteCount} of your site${row.siteCount === 1 ? '' : 's'}`,
        body: `After ${KIND_WORDS[locked.kind as keyof typeof KIND_WORDS] ?? 'a disruption'} since ${started}, your nation's SOSA office asks whether your sites are affected, your stock on hand, the expected recovery date and any alternative capacity.`,
        link: `/surveys/${row.id}`,
        subjectKind: 'event_survey',
        subjectId: row.id,
        eventKey: `event-survey:${row.id}`,
      });
    }
  });
  return listEventSurveys(ctx, { actor, eventId });
}
