// The network-analysis use cases, one a file in ./analyses/. This index stays while the routes in
// src/http import from here; new code imports the use case it needs.
export { cancelAnalysis } from './analyses/cancel-analysis.js';
export { getAnalysis } from './analyses/get-analysis.js';
export { listAnalyses } from './analyses/list-analyses.js';
export { MAX_LIVE_RUNS_PER_NATION, PRESET_KEYS, type AnalysisView, type PresetKey, type StartAnalysisInput } from './analyses/present-analysis.js';
export { presetScenario, startAnalysis } from './analyses/start-analysis.js';
