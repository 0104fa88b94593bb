import type { SupplyNetwork } from '../network/network-model.js';
import type { MitigationPlan, RankMitigationsOptions } from './mitigation-types.js';
import type { Scenario, ScenarioInput } from './scenario-presets.js';
import type { ScenarioResult } from './types.js';

export async function rankMitigationsImpl(_network: SupplyNetwork, _input: ScenarioResult | Scenario | ScenarioInput, _options: RankMitigationsOptions): Promise<MitigationPlan> {
  throw new Error('rankMitigations: not implemented yet');
}
