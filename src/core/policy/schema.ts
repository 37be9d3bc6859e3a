// The JSON Schema for policy packs, built from the operator registry so the two cannot drift.
// policies/schema/policy-pack.schema.json is this output (a unit test keeps the file in step).
import { OPERATORS } from '../conditions/registry.js';
import { SEVERITIES } from '../model.js';

export const NAME_PATTERN = '^[a-z0-9][a-z0-9-]*$';
export const RESOURCE_TYPE_PATTERN = '^[a-z0-9-]+:[a-z0-9-]+$';
export const LANGUAGE_PATTERN = '^[a-z]{2}(-[A-Za-z]{2,4})?$';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const text = (description: string): Schema => ({ type: 'string', description });
const numberOrTemplate = (description: string): Schema => ({ type: ['number', 'string'], description });

function operatorTestSchema(): Schema {
  const properties = Object.fromEntries(
    Object.values(OPERATORS).map((op) => [op.name, { ...op.valueSchema, description: op.description }]),
  );
  return { type: 'object', minProperties: 1, additionalProperties: false, properties };
}

function conditionSchemas(): Schema {
  return {
    condition: {
      description: 'A list (all must hold), all/any/not, or field tests: { field: { operator: value } } or { field: value } for eq.',
      anyOf: [{ type: 'array', items: ref('condition') }, ref('conditionMapping')],
    },
    conditionMapping: {
      type: 'object',
      minProperties: 1,
      properties: {
        all: { type: 'array', items: ref('condition'), description: 'every condition holds' },
        any: { type: 'array', items: ref('condition'), description: 'at least one condition holds' },
        not: { ...ref('condition'), description: 'the condition does not hold' },
      },
      additionalProperties: ref('fieldTest'),
    },
    fieldTest: {
      description: 'operators on one field (all must hold), or a plain value meaning eq',
      anyOf: [{ type: ['string', 'number', 'boolean'] }, ref('operators')],
    },
    operators: operatorTestSchema(),
  };
}

function ruleTextSchema(): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: { title: { type: 'string' }, why: { type: 'string' }, message: { type: 'string' }, remediation: { type: 'string' } },
  };
}

function aggregateSchema(): Schema {
  return {
    type: 'object',
    description: 'Sum a property (or count resources) per account or region; one finding per group over the threshold.',
    additionalProperties: false,
    properties: {
      sum: text('property to sum over the resources that pass `when`'),
      count: { const: true, description: 'count the resources that pass `when`' },
      per: { enum: ['account', 'region'], description: 'group per account (all regions together) or per region; default account' },
      gt: numberOrTemplate('a finding when the total is greater than this'),
      gte: numberOrTemplate('a finding when the total is at least this'),
      lt: numberOrTemplate('a finding when the total is less than this'),
      lte: numberOrTemplate('a finding when the total is at most this'),
    },
  };
}

function ruleSchema(): Schema {
  return {
    type: 'object',
    required: ['id', 'resource', 'severity', 'title'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: NAME_PATTERN, description: 'unique across all loaded packs' },
      resource: { type: 'string', pattern: RESOURCE_TYPE_PATTERN, description: 'resource type the rule reads, e.g. ec2:elastic-ip' },
      severity: { enum: [...SEVERITIES] },
      title: text('one line'),
      why: text('why this matters, in plain words'),
      message: text('per-finding text; a template'),
      when: ref('condition'),
      aggregate: ref('aggregate'),
      cost: {
        type: 'object',
        description: 'monthly USD: prices[price] × quantity, or usd: <expression>',
        additionalProperties: false,
        properties: {
          price: text('key into prices (dotted, may be a template)'),
          quantity: numberOrTemplate('multiplier, default 1: a number, a template or an expression such as max(subnetCount, 1)'),
          usd: text('an expression giving the monthly USD, e.g. iops * prices.io1IopsMonth'),
        },
      },
      remediation: text('the fix, usually a command; a template'),
      severityOverrides: {
        type: 'array',
        description: 'first match wins',
        items: {
          type: 'object',
          required: ['when', 'severity'],
          additionalProperties: false,
          properties: { when: ref('condition'), severity: { enum: [...SEVERITIES] } },
        },
      },
      requires: { type: 'array', items: { type: 'string', pattern: RESOURCE_TYPE_PATTERN }, description: 'default: [resource]' },
      i18n: { type: 'object', propertyNames: { pattern: LANGUAGE_PATTERN }, additionalProperties: ref('ruleText') },
    },
  };
}

export function buildPolicyPackSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/costguard/costguard/policies/schema/policy-pack.schema.json',
    title: 'costguard policy pack',
    description: 'Generated from src/core/policy/schema.ts; see docs/policy-language.md.',
    type: 'object',
    required: ['pack', 'rules'],
    additionalProperties: false,
    properties: {
      pack: { type: 'string', pattern: NAME_PATTERN, description: 'pack name' },
      description: { type: 'string' },
      default: { type: 'boolean', description: 'run by `costguard audit` without --pack (default true)' },
      params: { type: 'object', description: 'overridable with --param name=value' },
      prices: { type: 'object', description: 'USD prices; costs refer to them by key' },
      rules: { type: 'array', items: ref('rule') },
    },
    definitions: { rule: ruleSchema(), ruleText: ruleTextSchema(), aggregate: aggregateSchema(), ...conditionSchemas() },
  };
}
