// Run a compiled condition against one resource.
import type { Resource } from '../model.js';
import { hasTemplate, resolveValue, type TemplateScope } from '../template.js';
import { fieldValue } from './field.js';
import { operatorNamed } from './registry.js';
import { resourceScope } from './scope.js';
import type { Condition, MatchScope } from './types.js';
import { isMissing } from './values.js';

function needsTemplates(value: unknown): boolean {
  return hasTemplate(value) || (Array.isArray(value) && value.some(hasTemplate));
}

class Matcher {
  private templateScope?: TemplateScope;

  constructor(
    private readonly resource: Resource,
    private readonly scope: MatchScope,
  ) {}

  matches(condition: Condition): boolean {
    switch (condition.kind) {
      case 'all':
        return condition.conditions.every((c) => this.matches(c));
      case 'any':
        return condition.conditions.some((c) => this.matches(c));
      case 'not':
        return !this.matches(condition.condition);
      case 'test':
        return this.test(condition.field, condition.operator, condition.value);
    }
  }

  private test(field: string, operatorName: string, value: unknown): boolean {
    const operator = operatorNamed(operatorName);
    if (!operator) throw new Error(`unknown operator "${operatorName}"`);
    const actual = fieldValue(this.resource, field);
    if (isMissing(actual) && !operator.handlesMissing) return false;
    const expected = needsTemplates(value) ? resolveValue(value, this.scopeForTemplates()) : value;
    return operator.test(actual, expected, { now: this.scope.now });
  }

  private scopeForTemplates(): TemplateScope {
    this.templateScope ??= resourceScope(this.resource, { params: this.scope.params, prices: this.scope.prices });
    return this.templateScope;
  }
}

/** Whether a resource satisfies a compiled condition (see parseCondition). */
export function matchesCondition(resource: Resource, condition: Condition, scope: MatchScope): boolean {
  return new Matcher(resource, scope).matches(condition);
}
