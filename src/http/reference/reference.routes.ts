import type { OpenAPIHono } from '@hono/zod-openapi';
import { isCompanyUser } from '../../domain/access/request-visibility.js';
import { URGENCIES } from '../../domain/workflows/workflow-definition.js';
import { CLASSIFICATIONS } from '../../services/requests/create-request.js';
import { listPeers } from '../../store/federation-peers.repository.js';
import { listArrangementDirectionRows, listArrangementRowsOfNation, listCompanyRows, listNationRows, listProgramRowsByName } from '../../store/reference-lists.repository.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { referenceSchema } from './reference.schema.js';

export function referenceRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['reference']);
  route({ method: 'get', path: '/reference', access: 'authenticated', summary: 'Nations, arrangements, programs, companies and workflows the caller works with', ok: [200, 'Reference data', referenceSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const db = ctx.store.db;
    const [nations, arrangements, directions, programs, companies, workflows, peers] = await Promise.all([
      listNationRows(db),
      listArrangementRowsOfNation(db, user.nation),
      listArrangementDirectionRows(db),
      listProgramRowsByName(db),
      // Officials pick companies of their own nation (rated orders, Code of Conduct routing);
      // a company sees only itself.
      listCompanyRows(db, user.nation, isCompanyUser(user) ? user.organisationId : null),
      ctx.workflows.all(),
      listPeers(db),
    ]);
    return c.json({
      nations: nations.map((n) => ({ code: n.code, name: n.name })),
      arrangements: arrangements.map((a) => ({
        id: a.id,
        name: a.name,
        nationA: a.nation_a,
        nationB: a.nation_b,
        signed: a.signed,
        notes: a.notes,
        directions: directions.filter((d) => d.arrangement_id === a.id).map((d) => ({ fromNation: d.from_nation, toNation: d.to_nation, workflowId: d.workflow_id })),
      })),
      // The programs the caller's nation is party to (lead or partner), as the programs register
      // lists them: the ones its requests may cite. A request shows its own program's name.
      programs: programs.filter((p) => p.nation === user.nation || p.partner_nations.includes(user.nation)).map((p) => ({ id: p.id, name: p.name, nation: p.nation, dpasProgramSymbol: p.dpas_program_symbol })),
      companies: companies.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, nation: o.nation, codeOfConductSince: o.code_of_conduct_since })),
      urgencies: URGENCIES,
      classifications: CLASSIFICATIONS,
      workflows: Object.fromEntries(
        workflows.map((w) => [
          w.id,
          {
            id: w.id,
            name: w.name,
            states: w.states,
            // How each step's recorded fields read in the history: labels, and words for stored options.
            steps: Object.fromEntries(w.transitions.map((t) => [t.action, { label: t.label, fields: t.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, ...(f.optionLabels ? { optionLabels: f.optionLabels } : {}) })) }])),
          },
        ]),
      ),
      // Whether this is a sovereign instance with peers (issue #13): the web shows the partner's copies only then.
      instance: { nation: ctx.config.nation ?? null, peers: peers.map((p) => p.nation) },
    });
  });
}
