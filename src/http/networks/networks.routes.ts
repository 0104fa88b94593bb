import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { cancelAnalysis } from '../../services/networks/analyses/cancel-analysis.js';
import { getAnalysis } from '../../services/networks/analyses/get-analysis.js';
import { listAnalyses } from '../../services/networks/analyses/list-analyses.js';
import { startAnalysis } from '../../services/networks/analyses/start-analysis.js';
import { deleteNetwork } from '../../services/networks/delete-network.js';
import { getNetwork } from '../../services/networks/get-network.js';
import { importNetwork } from '../../services/networks/import-network.js';
import { listNetworks } from '../../services/networks/list-networks.js';
import { NETWORK_READERS, NETWORK_WRITERS} from '../../services/networks/network-access.js';
import { createScenario, listScenarios } from '../../services/networks/scenarios.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { parseNetworkInput } from './network-input.js';
import { presentAnalysis, presentImportedNetwork, presentNetworkDetail, presentNetworkListItem, presentSavedScenario, presentScenarioList } from './networks.presenter.js';
import {
  analysisListSchema,
  analysisViewSchema,
  cancelAnalysisSchema,
  createScenarioSchema,
  importedNetworkSchema,
  importNetworkSchema,
  networkDetailSchema,
  networkListQuerySchema,
  networkListSchema,
  savedScenarioSchema,
  scenarioListSchema,
  startAnalysisSchema,
} from './networks.schema.js';

const READERS = [...NETWORK_READERS];
const WRITERS = [...NETWORK_WRITERS];
const tags = ['networks'];

/** Supply networks of the caller's nation (supply-resilience.md): import, structure, scenarios. */
export function networkRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/networks',
      tags,
      summary: 'Import a supply network: a JSON model, or a Willems (2008) CSV export — all or nothing',
      description: 'Errors name the field (network/nodes/3/kind) and, for files, the row and column (extension `issues`). A network above the server limit (NETWORK_MAX_NODES) is refused naming the limit.',
      request: jsonRequestBody(importNetworkSchema),
      responses: { 201: jsonResponse('The network (without its model)', importedNetworkSchema) },
    }),
    WRITERS,
    async (c, user) => {
      const ctx = c.get('ctx');
      const body = await jsonBody(c, importNetworkSchema);
      const parsed = parseNetworkInput(body, ctx.config.maxNetworkNodes);
      const row = await importNetwork(ctx, {
        actor: user,
        network: parsed.network,
        name: parsed.name,
        program: body.program ?? '',
        description: body.description ?? '',
        format: body.format,
        countriesOfConcern: body.countriesOfConcern ?? [],
        ...(parsed.origin ? { origin: parsed.origin } : {}),
      });
      return c.json(presentImportedNetwork(row), 201);
    },
  );
  mount(app, createRoute({ method: 'get', path: '/networks', tags, summary: "The supply networks of the caller's nation", request: { query: networkListQuerySchema }, responses: { 200: jsonResponse('{ items }', networkListSchema) } }), READERS, async (c, user) => {
    const query = queryParams(c, networkListQuerySchema);
    return c.json({ items: (await listNetworks(c.get('ctx'), { actor: user, q: query.q })).map(presentNetworkListItem) });
  });
  mount(app, createRoute({ method: 'get', path: '/networks/{id}', tags, summary: 'One network: model, summary, and what the caller may do', request: { params: pathParams({ id: 'The network' }) }, responses: { 200: jsonResponse('The network', networkDetailSchema) } }), READERS, async (c, user) => {
    return c.json(presentNetworkDetail(await getNetwork(c.get('ctx'), { actor: user, id: c.req.param('id')! })));
  });
  mount(app, createRoute({ method: 'delete', path: '/networks/{id}', tags, summary: 'Delete a network and its analyses (audited)', request: { params: pathParams({ id: 'The network' }) }, responses: { 204: { description: 'Deleted' } } }), WRITERS, async (c, user) => {
    await deleteNetwork(c.get('ctx'), { actor: user, id: c.req.param('id')! });
    return c.body(null, 204);
  });
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/networks/{id}/analyses',
      tags,
      summary: 'Analyse a network: structural (at once, 201) or a scenario (in the background, 202)',
      description: 'structural: critical nodes per end item, sole-source and single-country parts, country exposure with the countries of concern. scenario: a preset, a saved scenario or a scenario object; with a budget, mitigations are ranked too. Poll GET …/analyses/{analysisId} for progress.',
      request: { params: pathParams({ id: 'The network' }), ...jsonRequestBody(startAnalysisSchema) },
      responses: { 201: jsonResponse('A structural analysis with its result', analysisViewSchema), 202: jsonResponse('A queued scenario analysis', analysisViewSchema) },
    }),
    WRITERS,
    async (c, user) => {
      const input = await jsonBody(c, startAnalysisSchema);
      const { analysis, background } = await startAnalysis(c.get('ctx'), { actor: user, networkId: c.req.param('id')!, input });
      if (background) c.header('location', `/api/v1/networks/${analysis.networkId}/analyses/${analysis.id}`);
      return c.json(presentAnalysis(analysis), background ? 202 : 201);
    },
  );
  mount(app, createRoute({ method: 'get', path: '/networks/{id}/analyses', tags, summary: "A network's analyses, newest first (without results)", request: { params: pathParams({ id: 'The network' }) }, responses: { 200: jsonResponse('{ items }', analysisListSchema) } }), READERS, async (c, user) => {
    return c.json({ items: (await listAnalyses(c.get('ctx'), { actor: user, networkId: c.req.param('id')! })).map(presentAnalysis) });
  });
  mount(app, createRoute({ method: 'get', path: '/networks/{id}/analyses/{analysisId}', tags, summary: 'One analysis: status, progress and result', request: { params: pathParams({ id: 'The network', analysisId: 'The analysis' }) }, responses: { 200: jsonResponse('The analysis', analysisViewSchema) } }), READERS, async (c, user) => {
    return c.json(presentAnalysis(await getAnalysis(c.get('ctx'), { actor: user, networkId: c.req.param('id')!, analysisId: c.req.param('analysisId')! })));
  });
  mount(
    app,
    createRoute({ method: 'post', path: '/networks/{id}/analyses/{analysisId}/cancel', tags, summary: 'Cancel a queued or running analysis (409 when it has ended)', request: { params: pathParams({ id: 'The network', analysisId: 'The analysis' }) }, responses: { 200: jsonResponse('The cancelled analysis', analysisViewSchema) } }),
    WRITERS,
    async (c, user) => {
      // No body is needed; one that is sent must be a JSON object.
      const body = (await c.req.raw.clone().text()) === '' ? {} : await jsonBody(c, cancelAnalysisSchema);
      return c.json(presentAnalysis(await cancelAnalysis(c.get('ctx'), { actor: user, networkId: c.req.param('id')!, analysisId: c.req.param('analysisId')!, reason: body.reason })));
    },
  );
  mount(app, createRoute({ method: 'get', path: '/scenarios', tags, summary: "Scenario presets (§5) and the nation's saved scenarios", responses: { 200: jsonResponse('{ presets, saved }', scenarioListSchema) } }), READERS, async (c, user) => {
    return c.json(presentScenarioList(await listScenarios(c.get('ctx'), { actor: user })));
  });
  mount(app, createRoute({ method: 'post', path: '/scenarios', tags, summary: 'Save a named scenario for the nation', request: jsonRequestBody(createScenarioSchema), responses: { 201: jsonResponse('The saved scenario', savedScenarioSchema) } }), WRITERS, async (c, user) => {
    const body = await jsonBody(c, createScenarioSchema);
    return c.json(presentSavedScenario(await createScenario(c.get('ctx'), { actor: user, scenario: body.scenario })), 201);
  });
}
