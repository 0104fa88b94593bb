import type { OpenAPIHono } from '@hono/zod-openapi';
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
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonResponse } from '../responses.js';
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
  const route = declareRoutes(app, tags);
  route({
    method: 'post', path: '/networks', access: WRITERS,
    summary: 'Import a supply network: a JSON model, or a Willems (2008) CSV export — all or nothing',
    description: 'Errors name the field (network/nodes/3/kind) and, for files, the row and column (extension `issues`). A network above the server limit (NETWORK_MAX_NODES) is refused naming the limit.',
    body: importNetworkSchema, ok: [201, 'The network (without its model)', importedNetworkSchema],
  }, async (c, user) => {
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
  });
  route({ method: 'get', path: '/networks', access: READERS, summary: "The supply networks of the caller's nation", query: networkListQuerySchema, ok: [200, '{ items }', networkListSchema] }, async (c, user) => {
    const query = queryParams(c, networkListQuerySchema);
    return c.json({ items: (await listNetworks(c.get('ctx'), { actor: user, q: query.q })).map(presentNetworkListItem) });
  });
  route({ method: 'get', path: '/networks/{id}', access: READERS, summary: 'One network: model, summary, and what the caller may do', params: pathParams({ id: 'The network' }), ok: [200, 'The network', networkDetailSchema] }, async (c, user) => {
    return c.json(presentNetworkDetail(await getNetwork(c.get('ctx'), { actor: user, id: c.req.param('id')! })));
  });
  route({ method: 'delete', path: '/networks/{id}', access: WRITERS, summary: 'Delete a network and its analyses (audited)', params: pathParams({ id: 'The network' }), ok: [204, 'Deleted'] }, async (c, user) => {
    await deleteNetwork(c.get('ctx'), { actor: user, id: c.req.param('id')! });
    return c.body(null, 204);
  });
  route({
    method: 'post', path: '/networks/{id}/analyses', access: WRITERS,
    summary: 'Analyse a network: structural (at once, 201) or a scenario (in the background, 202)',
    description: 'structural: critical nodes per end item, sole-source and single-country parts, country exposure with the countries of concern. scenario: a preset, a saved scenario or a scenario object; with a budget, mitigations are ranked too. Poll GET …/analyses/{analysisId} for progress.',
    params: pathParams({ id: 'The network' }), body: startAnalysisSchema,
    responses: { 201: jsonResponse('A structural analysis with its result', analysisViewSchema), 202: jsonResponse('A queued scenario analysis', analysisViewSchema) },
  }, async (c, user) => {
    const input = await jsonBody(c, startAnalysisSchema);
    const { analysis, background } = await startAnalysis(c.get('ctx'), { actor: user, networkId: c.req.param('id')!, input });
    if (background) c.header('location', `/api/v1/networks/${analysis.networkId}/analyses/${analysis.id}`);
    return c.json(presentAnalysis(analysis), background ? 202 : 201);
  });
  route({ method: 'get', path: '/networks/{id}/analyses', access: READERS, summary: "A network's analyses, newest first (without results)", params: pathParams({ id: 'The network' }), ok: [200, '{ items }', analysisListSchema] }, async (c, user) => {
    return c.json({ items: (await listAnalyses(c.get('ctx'), { actor: user, networkId: c.req.param('id')! })).map(presentAnalysis) });
  });
  route({ method: 'get', path: '/networks/{id}/analyses/{analysisId}', access: READERS, summary: 'One analysis: status, progress and result', params: pathParams({ id: 'The network', analysisId: 'The analysis' }), ok: [200, 'The analysis', analysisViewSchema] }, async (c, user) => {
    return c.json(presentAnalysis(await getAnalysis(c.get('ctx'), { actor: user, networkId: c.req.param('id')!, analysisId: c.req.param('analysisId')! })));
  });
  route({ method: 'post', path: '/networks/{id}/analyses/{analysisId}/cancel', access: WRITERS, summary: 'Cancel a queued or running analysis (409 when it has ended)', params: pathParams({ id: 'The network', analysisId: 'The analysis' }), ok: [200, 'The cancelled analysis', analysisViewSchema] }, async (c, user) => {
    // No body is needed; one that is sent must be a JSON object.
    const body = (await c.req.raw.clone().text()) === '' ? {} : await jsonBody(c, cancelAnalysisSchema);
    return c.json(presentAnalysis(await cancelAnalysis(c.get('ctx'), { actor: user, networkId: c.req.param('id')!, analysisId: c.req.param('analysisId')!, reason: body.reason })));
  });
  route({ method: 'get', path: '/scenarios', access: READERS, summary: "Scenario presets (§5) and the nation's saved scenarios", ok: [200, '{ presets, saved }', scenarioListSchema] }, async (c, user) => {
    return c.json(presentScenarioList(await listScenarios(c.get('ctx'), { actor: user })));
  });
  route({ method: 'post', path: '/scenarios', access: WRITERS, summary: 'Save a named scenario for the nation', body: createScenarioSchema, ok: [201, 'The saved scenario', savedScenarioSchema] }, async (c, user) => {
    const body = await jsonBody(c, createScenarioSchema);
    return c.json(presentSavedScenario(await createScenario(c.get('ctx'), { actor: user, scenario: body.scenario })), 201);
  });
}
