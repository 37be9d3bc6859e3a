// The JSON Schema for nuke configs. Conditions come from the policy pack schema (itself built from
// the operator registry), so select/keep accept exactly what audit rules accept.
// policies/schema/nuke-config.schema.json is this output (a unit test keeps the file in step).
import { buildPolicyPackSchema } from '../policy/schema.js';

type Schema = Record<string, unknown>;

export const ACCOUNT_ID_PATTERN = '^\\d{12}$';
export const REGION_PATTERN = '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$';
export const TYPE_GLOB_PATTERN = '^[a-z0-9*?\\[\\]!-]+:[a-z0-9*?\\[\\]!-]+$|^\\*$';
export const CONFIG_NAME_PATTERN = '^[a-z0-9][a-z0-9-]*$';

const CONDITION_DEFINITIONS = ['condition', 'conditionMapping', 'fieldTest', 'operators'];

function conditionDefinitions(): Schema {
  const all = (buildPolicyPackSchema() as { definitions: Record<string, unknown> }).definitions;
  return Object.fromEntries(CONDITION_DEFINITIONS.map((name) => [name, all[name]]));
}

const stringList = (items: Schema, description: string): Schema => ({ type: 'array', items, uniqueItems: true, description });

export function buildNukeConfigSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/costguard/costguard/policies/schema/nuke-config.schema.json',
    title: 'costguard nuke config',
    description: 'Generated from src/core/nuke/schema.ts; see docs/nuke.md. What `costguard nuke --config FILE` may delete.',
    type: 'object',
    additionalProperties: false,
    properties: {
      nuke: { type: 'string', pattern: CONFIG_NAME_PATTERN, description: 'name of this nuke config' },
      description: { type: 'string' },
      accounts: {
        type: 'object',
        additionalProperties: false,
        description: 'Which accounts may be nuked. An account must be in allow (when allow is not empty), must not be in block, and its alias or name must not contain a block term.',
        properties: {
          allow: stringList({ type: 'string', pattern: ACCOUNT_ID_PATTERN }, 'only these account ids may be nuked'),
          block: stringList({ type: 'string', pattern: ACCOUNT_ID_PATTERN }, 'these account ids are never nuked'),
          blockTerms: stringList({ type: 'string', minLength: 1 }, 'refuse accounts whose alias or name contains one of these (case-insensitive); default [prod]'),
        },
      },
      regions: stringList({ type: 'string', pattern: REGION_PATTERN }, 'regions to work in; default every region enabled for the account'),
      types: {
        type: 'object',
        additionalProperties: false,
        properties: {
          include: stringList({ type: 'string', pattern: TYPE_GLOB_PATTERN }, 'resource type globs to delete, e.g. "ec2:*"; default every type'),
          exclude: stringList({ type: 'string', pattern: TYPE_GLOB_PATTERN }, 'resource type globs never touched'),
        },
      },
      select: { $ref: '#/definitions/condition', description: 'what goes: a condition in the policy language (a list means all must hold); default everything' },
      keep: { type: 'array', items: { $ref: '#/definitions/condition' }, description: 'a resource matching any of these conditions stays' },
      keepTag: { type: 'string', minLength: 1, description: 'a resource with this tag (any value) stays; default costguard:keep' },
      includeDefaultVpc: { type: 'boolean', description: 'also delete the default VPC and its parts; default false' },
    },
    definitions: conditionDefinitions(),
  };
}
