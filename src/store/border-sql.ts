import { sql, type RawBuilder } from 'kysely';
import { companyKnowledge, type BorderReader } from '../domain/access/border/index.js';

/**
 * The SQL form of the border's `knowsCompany` (domain/access/border/request.ts), for lists and
 * counts that must filter in the database: it interprets the same rule-as-data
 * (`companyKnowledge`), so the two cannot drift apart — a company knows itself; an official every
 * company of a request its nation supplies, else only the one that performs.
 */
export function knowsCompanySql(reader: BorderReader, company: RawBuilder<unknown>, request: { toNation: RawBuilder<unknown>; supplier: RawBuilder<unknown> }): RawBuilder<boolean> {
  const k = companyKnowledge(reader);
  if (k.kind === 'own_company') return sql<boolean>`(${company} = ${k.organisationId})`;
  return sql<boolean>`(${request.toNation} = ${k.nation} or ${company} = ${request.supplier})`;
}
