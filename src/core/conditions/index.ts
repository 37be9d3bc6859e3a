export type { Condition, MatchScope, Operator, OperatorContext } from './types.js';
export { OPERATORS, OPERATOR_NAMES, operatorNamed } from './registry.js';
export { matchesCondition } from './match.js';
export { fieldValue, RESOURCE_FIELDS } from './field.js';
export { parseCondition, compileCondition, type ParsedCondition, type ConditionIssue, type ConditionContext } from './parse.js';
export { resourceScope } from './scope.js';
export { globToRegExp, isGlob } from '../patterns.js';
