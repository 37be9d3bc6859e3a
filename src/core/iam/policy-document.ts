// IAM policy documents in one normalised shape: every list a list, effects and keys checked.
// Documents arrive as objects, JSON text, or URL-encoded JSON text (GetAccountAuthorizationDetails).

export type Effect = 'Allow' | 'Deny';

/** Condition block: operator → key → values (always a list). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** Principal block: "*" or type → list ("AWS", "Service", "Federated", "CanonicalUser"). */
export type PrincipalBlock = '*' | Record<string, string[]>;

export interface PolicyStatement {
  sid?: string;
  effect: Effect;
  /** Action patterns; absent when the statement uses NotAction. */
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  condition?: ConditionBlock;
}

export interface PolicyDocument {
  version?: string;
  statements: PolicyStatement[];
}

export class PolicyDocumentError extends Error {
  override name = 'PolicyDocumentError';
}

function asList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => String(v));
  return [String(value)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function principalBlock(value: unknown): PrincipalBlock | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === '*') return '*';
  if (!isRecord(value)) return { AWS: asList(value) ?? [] };
  const out: Record<string, string[]> = {};
  for (const [key, v] of Object.entries(value)) out[key] = asList(v) ?? [];
  return out;
}

function conditionBlock(value: unknown): ConditionBlock | undefined {
  if (!isRecord(value)) return undefined;
  const out: ConditionBlock = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) continue;
    out[operator] = {};
    for (const [key, v] of Object.entries(keys)) out[operator][key] = asList(v) ?? [];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Read a key case-insensitively ("Action" / "action"), as IAM itself is lenient about it. */
function field(statement: Record<string, unknown>, name: string): unknown {
  if (name in statement) return statement[name];
  const lower = name.toLowerCase();
  const key = Object.keys(statement).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : statement[key];
}

function normaliseStatement(raw: unknown, index: number): PolicyStatement {
  if (!isRecord(raw)) throw new PolicyDocumentError(`statement ${index} is not an object`);
  const effect = String(field(raw, 'Effect') ?? '');
  if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyDocumentError(`statement ${index}: Effect must be Allow or Deny, not ${JSON.stringify(effect)}`);
  const statement: PolicyStatement = { effect };
  const sid = field(raw, 'Sid');
  if (sid !== undefined && sid !== '') statement.sid = String(sid);
  const actions = asList(field(raw, 'Action'));
  const notActions = asList(field(raw, 'NotAction'));
  if (actions) statement.actions = actions;
  if (notActions) statement.notActions = notActions;
  const resources = asList(field(raw, 'Resource'));
  const notResources = asList(field(raw, 'NotResource'));
  if (resources) statement.resources = resources;
  if (notResources) statement.notResources = notResources;
  const principal = principalBlock(field(raw, 'Principal'));
  const notPrincipal = principalBlock(field(raw, 'NotPrincipal'));
  if (principal) statement.principal = principal;
  if (notPrincipal) statement.notPrincipal = notPrincipal;
  const condition = conditionBlock(field(raw, 'Condition'));
  if (condition) statement.condition = condition;
  return statement;
}

/** Text → object: plain JSON, or URL-encoded JSON as IAM returns it. */
function parseText(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(trimmed.replace(/\+/g, '%20')));
    } catch {
      throw new PolicyDocumentError('policy document is neither JSON nor URL-encoded JSON');
    }
  }
}

/** Normalise a policy document (object, JSON text or URL-encoded JSON text). Throws PolicyDocumentError. */
export function normalisePolicyDocument(input: unknown): PolicyDocument {
  const raw = typeof input === 'string' ? parseText(input) : input;
  if (!isRecord(raw)) throw new PolicyDocumentError('policy document is not a JSON object');
  const statementField = field(raw, 'Statement');
  const list = statementField === undefined ? [] : Array.isArray(statementField) ? statementField : [statementField];
  const version = field(raw, 'Version');
  return {
    ...(version !== undefined ? { version: String(version) } : {}),
    statements: list.map((s, i) => normaliseStatement(s, i)),
  };
}

/** normalisePolicyDocument, or an empty document plus the problem when it cannot be read. */
export function tryNormalisePolicyDocument(input: unknown): { document: PolicyDocument; problem?: string } {
  try {
    return { document: normalisePolicyDocument(input) };
  } catch (error) {
    return { document: { statements: [] }, problem: (error as Error).message };
  }
}

export function hasCondition(statement: PolicyStatement): boolean {
  return statement.condition !== undefined && Object.keys(statement.condition).length > 0;
}
