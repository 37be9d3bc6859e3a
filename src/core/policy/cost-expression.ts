// Cost quantities and `usd:` are small expressions (src/core/expression.ts): field names, params.x,
// prices.x, numbers, + - * / ( ), max, min, if, eq, ne.
import { compileExpression } from '../expression.js';
import { cachedIn } from '../memo.js';
import { lookupPath, type TemplateScope } from '../template.js';

type Compiled = ReturnType<typeof compileExpression>;

const cache = new Map<string, Compiled>();

function compiled(source: string): Compiled {
  return cachedIn(cache, source, compileExpression);
}

/** The syntax problem of an expression, or undefined when it compiles. */
export function expressionProblem(source: string): string | undefined {
  try {
    compiled(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The names an expression reads (outside 'quoted strings' and function calls). */
export function expressionNames(source: string): string[] {
  const unquoted = source.replace(/'[^']*'/g, "''");
  return [...unquoted.matchAll(/(?<![\w.])([A-Za-z_][\w.-]*(?<![.-]))(?!\s*\()/g)].map((m) => m[1]);
}

/** The value of an expression over a template scope; undefined when it cannot be computed. */
export function evaluateCostExpression(source: string, scope: TemplateScope): number | undefined {
  if (expressionProblem(source)) return undefined;
  const value = compiled(source)((name) => lookupPath(scope, name));
  return Number.isFinite(value) ? value : undefined;
}
