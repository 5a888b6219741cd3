export { SyntheticTraceSource, type SyntheticIncidents, type SyntheticOptions } from './source';
export { SCENARIOS, type ExfiltrationIncident, type LookalikeIncident, type ScenarioName } from './scenarios';
export type { LookalikeDomain } from './lookalike';
