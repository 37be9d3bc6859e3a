// A small client for the AWS Free Tier API (no npm client package is reachable from here).
// awsJson1_0 over POST https://freetier.us-east-1.api.aws/ with X-Amz-Target: AWSFreeTierService.<Op>,
// signed with SigV4 (service "freetier", region us-east-1). It is shaped like an SDK v3 client
// (middlewareStack, send, destroy) so ClientFactory can build it and count its calls in CallStats as
// "freetier:GetFreeTierUsage" like any other. Reading costs nothing. Only read operations exist here:
// UpgradeAccountPlan changes billing and is never called.
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { FreeTierUsageLike } from '../cost/free-tier.js';
import { isThrottle } from './call-stats.js';

export const FREE_TIER_SIGNING = { service: 'freetier', region: 'us-east-1' } as const;
export const FREE_TIER_DEFAULT_ENDPOINT = 'https://freetier.us-east-1.api.aws/';
export const FREE_TIER_TARGET_PREFIX = 'AWSFreeTierService';
export const FREE_TIER_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The operations this client may call: reads only. */
export const FREE_TIER_READ_OPERATIONS = ['GetFreeTierUsage', 'GetAccountPlanState'] as const;
export type FreeTierOperation = (typeof FREE_TIER_READ_OPERATIONS)[number];

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** One offer as GetFreeTierUsage returns it (the shape src/cost/free-tier.ts reads). */
export type FreeTierUsage = FreeTierUsageLike;

export interface FreeTierExpression {
  And?: FreeTierExpression[];
  Or?: FreeTierExpression[];
  Not?: FreeTierExpression;
  Dimensions?: { Key: string; Values: string[]; MatchOptions: string[] };
}

export interface GetFreeTierUsageInput {
  filter?: FreeTierExpression;
  maxResults?: number;
  nextToken?: string;
}

export interface GetFreeTierUsageOutput {
  freeTierUsages?: FreeTierUsage[];
  nextToken?: string;
  $metadata: ResponseMetadata;
}

export type GetAccountPlanStateInput = Record<string, never>;

export interface GetAccountPlanStateOutput {
  accountId?: string;
  accountPlanType?: 'FREE' | 'PAID' | string;
  accountPlanStatus?: 'NOT_STARTED' | 'ACTIVE' | 'EXPIRED' | string;
  accountPlanRemainingCredits?: { amount?: number; unit?: string };
  accountPlanExpirationDate?: Date;
  $metadata: ResponseMetadata;
}

/** A command: the operation name and its input, like the SDK's `new XCommand(input)`. */
export abstract class FreeTierCommand<Input, Output> {
  abstract readonly operation: FreeTierOperation;
  /** Only for typing the answer. */
  declare readonly _output?: Output;

  constructor(readonly input: Input) {}

  /** Turn the parsed JSON body into the output (timestamps into Dates). */
  parse(body: Record<string, unknown>, metadata: ResponseMetadata): Output {
    return { ...body, $metadata: metadata } as Output;
  }
}

export class GetFreeTierUsageCommand extends FreeTierCommand<GetFreeTierUsageInput, GetFreeTierUsageOutput> {
  readonly operation = 'GetFreeTierUsage' as const;
}

export class GetAccountPlanStateCommand extends FreeTierCommand<GetAccountPlanStateInput, GetAccountPlanStateOutput> {
  readonly operation = 'GetAccountPlanState' as const;

  constructor(input: GetAccountPlanStateInput = {}) {
    super(input);
  }

  override parse(body: Record<string, unknown>, metadata: ResponseMetadata): GetAccountPlanStateOutput {
    const out = { ...body, $metadata: metadata } as GetAccountPlanStateOutput & { accountPlanExpirationDate?: unknown };
    const raw = body.accountPlanExpirationDate;
    if (raw !== undefined && raw !== null) out.accountPlanExpirationDate = parseTimestamp(raw);
    else delete out.accountPlanExpirationDate;
    return out;
  }
}

/** awsJson timestamps are epoch seconds; accept ISO text too. */
export function parseTimestamp(raw: unknown): Date | undefined {
  const date = typeof raw === 'number' ? new Date(raw * 1000) : typeof raw === 'string' ? new Date(/^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : raw) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** An error answer of the Free Tier API, shaped like SDK service errors (name = error code). */
export class FreeTierServiceError extends Error {
  readonly $metadata: ResponseMetadata;
  readonly $fault: 'client' | 'server';
  readonly Code: string;

  constructor(code: string, message: string, metadata: ResponseMetadata) {
    super(message);
    this.name = code;
    this.Code = code;
    this.$metadata = metadata;
    this.$fault = (metadata.httpStatusCode ?? 500) >= 500 ? 'server' : 'client';
  }
}

// ---- a minimal middleware stack, enough for ClientFactory's instrumentation ----

type Step = 'initialize' | 'serialize' | 'build' | 'finalizeRequest' | 'deserialize';
export interface HandlerContext {
  clientName: string;
  commandName: string;
}
type Handler = (args: { input: unknown }) => Promise<{ output: unknown }>;
type Middleware = (next: Handler, context: HandlerContext) => Handler;

interface StackEntry {
  middleware: Middleware;
  step: Step;
  name?: string;
  priority: 'high' | 'normal' | 'low';
}

const PRIORITY = { high: 0, normal: 1, low: 2 };

export class FreeTierMiddlewareStack {
  private readonly entries: StackEntry[] = [];

  add(middleware: Middleware, options: { step?: Step; name?: string; priority?: 'high' | 'normal' | 'low' } = {}): void {
    if (options.name && this.entries.some((e) => e.name === options.name)) throw new Error(`middleware "${options.name}" is already added`);
    this.entries.push({ middleware, step: options.step ?? 'initialize', name: options.name, priority: options.priority ?? 'normal' });
  }

  /** Wrap `handler` with the middleware of the given steps; high priority outermost. */
  wrap(steps: readonly Step[], handler: Handler, context: HandlerContext): Handler {
    const chosen = this.entries
      .filter((e) => steps.includes(e.step))
      .sort((a, b) => steps.indexOf(a.step) - steps.indexOf(b.step) || PRIORITY[a.priority] - PRIORITY[b.priority]);
    return chosen.reduceRight<Handler>((next, entry) => entry.middleware(next, context), handler);
  }
}

// ---- the client ----

export interface FreeTierClientConfig {
  /** Ignored for signing (the API lives in us-east-1 only); kept for ClientFactory. */
  region?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  maxAttempts?: number;
  /** Default: AWS_ENDPOINT_URL_FREETIER, then AWS_ENDPOINT_URL, then the public endpoint. */
  endpoint?: string;
  /** Per-attempt timeout. */
  requestTimeoutMs?: number;
  /** Base of the exponential back-off between attempts. */
  retryBaseDelayMs?: number;
}

/** The endpoint the SDK would use for service id "FreeTier": the service-specific variable first. */
export function freeTierEndpoint(env: Record<string, string | undefined> = process.env): string {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '')) return FREE_TIER_DEFAULT_ENDPOINT;
  return env.AWS_ENDPOINT_URL_FREETIER || env.AWS_ENDPOINT_URL || FREE_TIER_DEFAULT_ENDPOINT;
}

const RETRYABLE_CODES = new Set(['InternalServerException', 'ServiceUnavailableException', 'RequestTimeout', 'RequestTimeoutException']);

function isRetryable(error: unknown): boolean {
  if (error instanceof FreeTierServiceError) {
    return isThrottle(error.name) || RETRYABLE_CODES.has(error.name) || (error.$metadata.httpStatusCode ?? 0) >= 500 || error.$metadata.httpStatusCode === 429;
  }
  // fetch failures (connection reset, DNS, timeout) are transient
  return error instanceof TypeError || (error as { name?: string })?.name === 'TimeoutError';
}

/** Error code from an awsJson error answer: the x-amzn-errortype header or __type / code in the body. */
export function errorCodeOf(headerValue: string | null, body: Record<string, unknown> | undefined, status: number): string {
  const raw = headerValue || (body?.__type as string | undefined) || (body?.code as string | undefined) || (body?.Code as string | undefined);
  if (!raw) return status === 403 ? 'AccessDeniedException' : status === 404 ? 'ResourceNotFoundException' : `Http${status}`;
  return raw.split(':')[0].split('#').pop() as string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FreeTierClient {
  readonly middlewareStack = new FreeTierMiddlewareStack();
  private readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;
  private readonly maxAttempts: number;

  constructor(readonly config: FreeTierClientConfig = {}) {
    this.credentials = config.credentials ?? fromNodeProviderChain();
    this.signer = new SignatureV4({ ...FREE_TIER_SIGNING, credentials: this.credentials, sha256: Sha256 });
    this.endpoint = new URL(config.endpoint ?? freeTierEndpoint());
    this.maxAttempts = Math.max(1, config.maxAttempts ?? 3);
  }

  async send<Input, Output>(command: FreeTierCommand<Input, Output>): Promise<Output> {
    if (!(FREE_TIER_READ_OPERATIONS as readonly string[]).includes(command.operation)) {
      throw new Error(`costguard never calls freetier:${command.operation}`);
    }
    const context: HandlerContext = { clientName: 'FreeTierClient', commandName: `${command.operation}Command` };
    const attemptOnce = this.middlewareStack.wrap(['deserialize'], async () => ({ output: await this.attempt(command) }), context);
    const withRetries: Handler = async (args) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await attemptOnce(args);
          (result.output as { $metadata: ResponseMetadata }).$metadata.attempts = attempt;
          return result;
        } catch (error) {
          const meta = (error as { $metadata?: ResponseMetadata }).$metadata;
          if (meta) meta.attempts = attempt;
          else if (error && typeof error === 'object') Object.assign(error, { $metadata: { attempts: attempt } });
          if (attempt >= this.maxAttempts || !isRetryable(error)) throw error;
          const base = this.config.retryBaseDelayMs ?? 100;
          await sleep(Math.random() * Math.min(20_000, base * 2 ** attempt));
        }
      }
    };
    const handler = this.middlewareStack.wrap(['initialize', 'serialize', 'build', 'finalizeRequest'], withRetries, context);
    const { output } = await handler({ input: command.input });
    return output as Output;
  }

  /** One signed HTTP exchange. */
  private async attempt<Input, Output>(command: FreeTierCommand<Input, Output>): Promise<Output> {
    const url = this.endpoint;
    const body = JSON.stringify(command.input ?? {});
    const request = new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname || '/',
      headers: {
        host: url.host,
        'content-type': FREE_TIER_CONTENT_TYPE,
        'x-amz-target': `${FREE_TIER_TARGET_PREFIX}.${command.operation}`,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    const signed = await this.signer.sign(request);
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host' && name !== 'content-length'));
    const response = await fetch(new URL(signed.path, url.origin), {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.config.requestTimeoutMs ?? 30_000),
    });
    const text = await response.text();
    const metadata: ResponseMetadata = {
      httpStatusCode: response.status,
      requestId: response.headers.get('x-amzn-requestid') ?? undefined,
    };
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      parsed = undefined;
    }
    if (response.status >= 300 || parsed === undefined) {
      const code = parsed === undefined && response.status < 300 ? 'InvalidResponse' : errorCodeOf(response.headers.get('x-amzn-errortype'), parsed, response.status);
      const message =
        (parsed?.message as string | undefined) ??
        (parsed?.Message as string | undefined) ??
        (parsed === undefined ? `unexpected non-AWS response (HTTP ${response.status}): the endpoint does not implement this operation` : `HTTP ${response.status}`);
      throw new FreeTierServiceError(code, message, metadata);
    }
    return command.parse(parsed, metadata);
  }

  destroy(): void {
    // fetch keeps no per-client state
  }
}

/** Every offer, following nextToken at the largest page size. */
export async function listAllFreeTierUsage(client: FreeTierClient, filter?: FreeTierExpression): Promise<FreeTierUsage[]> {
  const out: FreeTierUsage[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetFreeTierUsageCommand({ maxResults: 1000, ...(filter ? { filter } : {}), ...(nextToken ? { nextToken } : {}) }));
    out.push(...(page.freeTierUsages ?? []));
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return out;
}

/** Codes that mean "the Free Tier API does not serve this account" (legacy account, organization member, no access). */
const UNAVAILABLE_CODES = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'ResourceNotFoundException',
  'ValidationException',
  'UnauthorizedException',
  'UnsupportedAccountException',
  'OptInRequired',
]);

/** When the error is a "not available for this account" answer, the reason to report; otherwise undefined. */
export function freeTierUnavailableReason(error: unknown): string | undefined {
  if (!(error instanceof FreeTierServiceError)) return undefined;
  const status = error.$metadata.httpStatusCode ?? 0;
  if (!UNAVAILABLE_CODES.has(error.name) && status !== 403 && status !== 404) return undefined;
  return `${error.name}: ${error.message}`.slice(0, 300);
}
