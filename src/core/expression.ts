// A tiny, safe arithmetic language for cost quantities: numbers, 'strings', field names (dots
// allowed), + - * / ( ), max(a, b, ...), min(a, b, ...), if(cond, then, else), eq(a, b), ne(a, b).
// No other code runs.

export type Lookup = (name: string) => unknown;

type Token = { kind: 'num'; value: number } | { kind: 'str'; value: string } | { kind: 'id'; value: string } | { kind: 'op'; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][\w.-]*(?<![.-]))|([-+*/(),])|'([^']*)')/gy;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    re.lastIndex = index;
    const m = re.exec(source);
    if (!m) throw new Error(`unexpected "${source.slice(index).trim()[0]}" at position ${index + 1}`);
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'id', value: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'op', value: m[3] });
    else tokens.push({ kind: 'str', value: m[4] });
    index = re.lastIndex;
  }
  return tokens;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return Number.NaN;
}

type Value = number | string;

function truthy(v: Value): boolean {
  return typeof v === 'string' ? v !== '' : v !== 0 && !Number.isNaN(v);
}

const FUNCTIONS: Record<string, (args: Value[]) => Value> = {
  max: (a) => Math.max(...a.map(toNumber)),
  min: (a) => Math.min(...a.map(toNumber)),
  if: (a) => (truthy(a[0]) ? a[1] : a[2]),
  eq: (a) => (String(a[0]) === String(a[1]) ? 1 : 0),
  ne: (a) => (String(a[0]) !== String(a[1]) ? 1 : 0),
};

function fieldValue(value: unknown): Value {
  if (typeof value === 'string' && (value.trim() === '' || Number.isNaN(Number(value)))) return value;
  return toNumber(value);
}

/** Parse once; evaluate many times. Throws with a plain message on a syntax error. */
export function compileExpression(source: string): (lookup: Lookup) => number {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const expectOp = (op: string) => {
    const t = tokens[pos++];
    if (!t || t.kind !== 'op' || t.value !== op) throw new Error(`expected "${op}" in "${source}"`);
  };

  type Node = (lookup: Lookup) => Value;
  const num = (n: Node): ((l: Lookup) => number) => (l) => toNumber(n(l));
  const primary = (): Node => {
    const t = tokens[pos++];
    if (!t) throw new Error(`unexpected end of "${source}"`);
    if (t.kind === 'num' || t.kind === 'str') return () => t.value;
    if (t.kind === 'op' && t.value === '(') {
      const inner = sum();
      expectOp(')');
      return inner;
    }
    if (t.kind === 'op' && t.value === '-') {
      const inner = num(primary());
      return (l) => -inner(l);
    }
    if (t.kind === 'id') {
      const next = peek();
      if (next?.kind === 'op' && next.value === '(') {
        const fn = FUNCTIONS[t.value];
        if (!fn) throw new Error(`unknown function "${t.value}" (known: ${Object.keys(FUNCTIONS).join(', ')})`);
        pos++;
        const args: Node[] = [];
        if (!(peek()?.kind === 'op' && peek()?.value === ')')) {
          args.push(sum());
          while (peek()?.kind === 'op' && peek()?.value === ',') {
            pos++;
            args.push(sum());
          }
        }
        expectOp(')');
        return (l) => fn(args.map((a) => a(l)));
      }
      const name = t.value;
      return (l) => fieldValue(l(name));
    }
    throw new Error(`unexpected "${t.value}" in "${source}"`);
  };
  const product = (): Node => {
    let left = primary();
    while (peek()?.kind === 'op' && (peek()?.value === '*' || peek()?.value === '/')) {
      const op = tokens[pos++].value;
      const l0 = num(left);
      const right = num(primary());
      left = op === '*' ? (l) => l0(l) * right(l) : (l) => l0(l) / right(l);
    }
    return left;
  };
  const sum = (): Node => {
    let left = product();
    while (peek()?.kind === 'op' && (peek()?.value === '+' || peek()?.value === '-')) {
      const op = tokens[pos++].value;
      const l0 = num(left);
      const right = num(product());
      left = op === '+' ? (l) => l0(l) + right(l) : (l) => l0(l) - right(l);
    }
    return left;
  };

  const root = num(sum());
  if (pos !== tokens.length) throw new Error(`unexpected "${(tokens[pos] as Token).value}" in "${source}"`);
  return root;
}

