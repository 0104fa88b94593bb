// The body of POST /networks → a validated SupplyNetwork: the configured node limit first (named
// in the refusal), then the shape (zod), then the model's own checks (validate-network.ts), each
// problem named by field and, for files, by row and column. Nothing is stored on any refusal.
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import { networkValidationError, validateNetwork, type NetworkIssue } from '../../analytics/network/validate-network.js';
import { parseWillemsCsv } from '../../analytics/network/willems-csv.js';
import { AppError, validationError } from '../../domain/errors.js';
import { unstorableFields, zodFieldErrors } from '../validation.js';
import { networkModelSchema, type ImportNetworkBody } from './networks.schema.js';

export interface ParsedNetworkInput {
  network: SupplyNetwork;
  name: string;
  origin?: Record<string, unknown>;
}

function tooLarge(count: number, maxNodes: number): AppError {
  const issue: NetworkIssue = {
    code: 'TOO_MANY_NODES',
    field: 'network/nodes',
    message: `the network has ${count.toLocaleString('en-US')} nodes; this server's limit is ${maxNodes.toLocaleString('en-US')} nodes (NETWORK_MAX_NODES)`,
  };
  return new AppError('VALIDATION_FAILED', { detail: `The network is too large: ${issue.message}. Nothing was imported.`, errors: [{ field: issue.field, message: issue.message }], extra: { issues: [issue], limit: maxNodes } });
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { row: number; column: number } {
  let row = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) {
    row++;
    last = i;
  }
  return { row, column: offset - last };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const at = position ? lineColumn(text, Number(position[1])) : null;
    const where = at ? ` (row ${at.row}, column ${at.column})` : '';
    throw new AppError('VALIDATION_FAILED', {
      detail: `The file is not valid JSON${where}. Nothing was imported.`,
      errors: [{ field: at ? `text/rows/${at.row}/columns/${at.column}` : 'text', message: `not valid JSON${where}: ${message}` }],
      extra: { issues: [{ code: 'CSV_FORMAT', field: 'text', message: `not valid JSON${where}`, ...(at ?? {}) }] },
    });
  }
}

export function parseNetworkInput(body: ImportNetworkBody, maxNodes: number): ParsedNetworkInput {
  if (body.format === 'willems') {
    if (body.text === undefined) throw validationError([{ field: 'text', message: 'the Willems CSV goes in "text"' }]);
    if (body.network !== undefined) throw validationError([{ field: 'network', message: 'a Willems import takes "text", not "network"' }]);
    let chain: ReturnType<typeof parseWillemsCsv>;
    try {
      chain = parseWillemsCsv(body.text, { maxNodes, ...(body.name ? { name: body.name } : {}) });
    } catch (error) {
      const issues = error instanceof AppError ? (error.extra.issues as NetworkIssue[] | undefined) : undefined;
      const big = issues?.find((i) => i.code === 'TOO_MANY_NODES');
      if (big) throw tooLarge(Number(/has ([\d,]+) nodes/.exec(big.message)?.[1]?.replace(/,/g, '') ?? NaN), maxNodes);
      if (error instanceof AppError) throw new AppError(error.code, { detail: `${error.detail ?? 'The file has problems'}. Nothing was imported.`, errors: error.errors, extra: error.extra });
      throw error;
    }
    const unstorable = unstorableFields(chain.network);
    if (unstorable.length) throw validationError(unstorable.map((e) => ({ ...e, field: `network/${e.field}` })));
    return {
      network: chain.network,
      name: body.name ?? chain.network.name ?? 'Willems chain',
      origin: { willemsChain: chain.chain, sicCode: chain.sicCode, sicDescription: chain.sicDescription, classCounts: chain.classCounts },
    };
  }

  if ((body.network === undefined) === (body.text === undefined)) throw validationError([{ field: 'network', message: 'give the model as "network" (an object) or the file as "text", not both' }]);
  const raw = body.network !== undefined ? body.network : parseJsonText(body.text!);
  const unstorable = unstorableFields(raw);
  if (unstorable.length) throw validationError(unstorable.map((e) => ({ ...e, field: `network/${e.field}` })));
  const nodes = (raw as { nodes?: unknown } | null)?.nodes;
  if (Array.isArray(nodes) && nodes.length > maxNodes) throw tooLarge(nodes.length, maxNodes);
  const parsed = networkModelSchema.safeParse(raw);
  if (!parsed.success) {
    const errors = zodFieldErrors(parsed.error).slice(0, 200).map((e) => ({ ...e, field: e.field === '(body)' ? 'network' : `network/${e.field}` }));
    throw new AppError('VALIDATION_FAILED', { detail: `The network has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}. Nothing was imported.`, errors });
  }
  const network = parsed.data as SupplyNetwork;
  const issues = validateNetwork(network, { maxNodes });
  if (issues.length) {
    const prefixed = issues.map((i) => ({ ...i, field: i.field ? `network/${i.field}` : 'network' }));
    const error = networkValidationError(prefixed, `The network has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues[0]!.message}. Nothing was imported.`);
    throw error;
  }
  return { network, name: body.name ?? network.name ?? 'Untitled network' };
}
