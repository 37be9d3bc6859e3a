// Run a compiled condition against one resource.
import type { Resource } from '../model.js';
import { cachedIn } from '../memo.js';
import { hasTemplate, resolveValue, templateVariables, type TemplateScope } from '../template.js';
import { fieldReader } from './field.js';
import { operatorNamed } from './registry.js';
import { resourceScope } from './scope.js';
import type { Condition, MatchScope, OperatorContext } from './types.js';
import { isMissing } from './values.js';

function needsTemplates(value: unknown): boolean {
  return hasTemplate(value) || (Array.isArray(value) && value.some(hasTemplate));
}

/**
 * Whether a templated value refers only to what is the same for every resource of a rule's run
 * (params.*, prices.*): "{{params.ebsFreeGiB}}" is then resolved once per run, not once per resource.
 */
function runWide(value: unknown): boolean {
  const templates = (Array.isArray(value) ? value : [value]).filter(hasTemplate);
  return templates.every((t) => templateVariables(t).every((name) => /^(params|prices)\./.test(name)));
}

/** One resource being matched: what its tests share (the template scope, built on first need). */
class Subject {
  private templateScope?: TemplateScope;
  private operatorContext?: OperatorContext;

  constructor(
    readonly resource: Resource,
    readonly scope: MatchScope,
  ) {}

  get context(): OperatorContext {
    this.operatorContext ??= { now: this.scope.now };
    return this.operatorContext;
  }

  templates(): TemplateScope {
    this.templateScope ??= resourceScope(this.resource, { params: this.scope.params, prices: this.scope.prices });
    return this.templateScope;
  }
}

type Test = (subject: Subject) => boolean;

/**
 * A condition turned into a function once: operators looked up, field paths split and template
 * checks made when the condition is first used, not for every resource it is matched against.
 */
function compile(condition: Condition): Test {
  switch (condition.kind) {
    case 'all': {
      const parts = condition.conditions.map(compiled);
      return (s) => parts.every((p) => p(s));
    }
    case 'any': {
      const parts = condition.conditions.map(compiled);
      return (s) => parts.some((p) => p(s));
    }
    case 'not': {
      const inner = compiled(condition.condition);
      return (s) => !inner(s);
    }
    case 'test':
      return compileTest(condition.field, condition.operator, condition.value);
  }
}

function compileTest(field: string, operatorName: string, value: unknown): Test {
  const operator = operatorNamed(operatorName);
  if (!operator) {
    return () => {
      throw new Error(`unknown operator "${operatorName}"`);
    };
  }
  const read = fieldReader(field);
  const templated = needsTemplates(value);
  const perRun = templated && runWide(value) ? new WeakMap<MatchScope, unknown>() : undefined;
  const expectedFor = (s: Subject): unknown => {
    if (!templated) return value;
    if (!perRun) return resolveValue(value, s.templates());
    if (!perRun.has(s.scope)) perRun.set(s.scope, resolveValue(value, { params: s.scope.params, prices: s.scope.prices }));
    return perRun.get(s.scope);
  };
  return (s) => {
    const actual = read(s.resource);
    if (isMissing(actual) && !operator.handlesMissing) return false;
    return operator.test(actual, expectedFor(s), s.context);
  };
}

const cache = new WeakMap<Condition, Test>();

function compiled(condition: Condition): Test {
  return cachedIn(cache, condition, compile);
}

/** Whether a resource satisfies a compiled condition (see parseCondition). */
export function matchesCondition(resource: Resource, condition: Condition, scope: MatchScope): boolean {
  return compiled(condition)(new Subject(resource, scope));
}
