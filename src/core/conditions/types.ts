// The compiled form of a condition and the shape of an operator.

/** A condition after parsing: what matchesCondition runs. */
export type Condition =
  | { kind: 'all'; conditions: Condition[] }
  | { kind: 'any'; conditions: Condition[] }
  | { kind: 'not'; condition: Condition }
  | { kind: 'test'; field: string; operator: string; value: unknown };

/** What condition values (templates) and operators can see. */
export interface MatchScope {
  params: Record<string, unknown>;
  prices: Record<string, unknown>;
  now: Date;
}

export interface OperatorContext {
  now: Date;
}

export interface Operator {
  name: string;
  /** One line, "true when ...". */
  description: string;
  /** JSON Schema for the operator's value, used to build policies/schema/policy-pack.schema.json. */
  valueSchema: Record<string, unknown>;
  /** What the value must be, in plain words ("a list of values"). */
  valueHint: string;
  /** Deeper check of a literal (non-template) value: a problem message, or undefined when fine. */
  check?: (value: unknown) => string | undefined;
  /** True when the operator decides for itself about missing fields (otherwise a missing field makes it false). */
  handlesMissing?: boolean;
  test: (actual: unknown, expected: unknown, context: OperatorContext) => boolean;
}
