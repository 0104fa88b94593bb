import type { SupplyNetwork } from '../network/network-model.js';
import type { Scenario, ScenarioInput } from './scenario-presets.js';
import type { RunScenarioOptions, ScenarioResult } from './types.js';

export async function runScenarioImpl(_network: SupplyNetwork, _scenario: Scenario | ScenarioInput, _options: RunScenarioOptions): Promise<ScenarioResult> {
  throw new Error('runScenario: not implemented yet');
}
