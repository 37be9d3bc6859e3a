// The few typed errors costguard raises, each mapped to one documented exit code here and only here.

export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  incomplete: 3,
  credentials: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export abstract class CostguardError extends Error {
  abstract readonly exitCode: ExitCode;
  /** What the user should do next. */
  readonly hint?: string;

  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Bad flags, config, policy files or snapshots. Exit 2. */
export class UsageError extends CostguardError {
  readonly exitCode = EXIT.usage;
}

/** One located problem in an input file. */
export interface FileProblem {
  file: string;
  line?: number;
  column?: number;
  /** Path inside the document, e.g. "rules[2].when[0].associationId". */
  path?: string;
  message: string;
  suggestion?: string;
}

export function formatProblem(p: FileProblem): string {
  const where = [p.file, p.line !== undefined ? String(p.line) : undefined, p.column !== undefined ? String(p.column) : undefined]
    .filter(Boolean)
    .join(':');
  const path = p.path ? ` at ${p.path}` : '';
  const suggestion = p.suggestion ? ` (did you mean "${p.suggestion}"?)` : '';
  return `${where}${path}: ${p.message}${suggestion}`;
}

/** A policy, config, suppressions or snapshot file that does not validate. Exit 2. */
export class InputFileError extends UsageError {
  readonly problems: FileProblem[];

  constructor(problems: FileProblem[], hint?: string) {
    super(problems.map(formatProblem).join('\n'), hint);
    this.problems = problems;
  }
}

/** No usable credentials, expired SSO token. Exit 4. */
export class CredentialsError extends CostguardError {
  readonly exitCode = EXIT.credentials;
}

/** Some data could not be collected, e.g. the AWS endpoint cannot be reached. Exit 3. */
export class IncompleteError extends CostguardError {
  readonly exitCode = EXIT.incomplete;
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof CostguardError) return error.exitCode;
  return EXIT.usage;
}
