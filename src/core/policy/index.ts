export type { Aggregate, AggregatePer, Condition, Pack, Rule, RuleCost, RuleText, ThresholdOperator } from './types.js';
export { aggregateThreshold, THRESHOLD_OPERATORS } from './types.js';
export { builtinPackFiles, builtinPolicyDir, isPackFile, loadBuiltinPacks, loadPackFile, loadPackFiles, parsePack, validatePackFiles } from './load.js';
export { selectRules, type RuleSelectionOptions } from './select.js';
export { resolveParams } from './params.js';
export { buildPolicyPackSchema } from './schema.js';
export { closestMatch, didYouMean } from './did-you-mean.js';
export { makeLocator, type Locator, type Position } from './yaml-locate.js';
export { formatPath, parsePath, type PathSegment } from './path.js';
