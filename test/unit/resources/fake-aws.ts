// A scripted fake of one AWS endpoint at the HTTP layer (nock). Requests are routed to handlers by operation name
// (query protocols: the form's Action; JSON protocols: the X-Amz-Target suffix; REST protocols: a route function),
// every request is recorded, and a handler given as a list answers the n-th call with the n-th entry.
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';
import { pollSettings } from '../../../src/aws/nuke/wait.js';

export interface FakeRequest {
  op: string;
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Form fields (query protocols). */
  form: URLSearchParams;
  /** Parsed JSON body (JSON protocols). */
  json: Record<string, unknown> | undefined;
  /** The body as sent (restXml requests). */
  body: string;
}

export interface FakeReply {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export type FakeHandler = (req: FakeRequest, nth: number) => FakeReply;

export interface FakeAws {
  readonly requests: FakeRequest[];
  /** Requests made to one operation, in order. */
  calls(op: string): FakeRequest[];
}

export interface FakeAwsOptions {
  /** Names REST operations, e.g. (r) => r.method === 'GET' && r.path === '/clusters' ? 'ListClusters' : ... */
  route?: (req: Omit<FakeRequest, 'op'>) => string | undefined;
}

function headerRecord(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof (raw as Headers).forEach === 'function' && typeof (raw as Headers).get === 'function') {
    (raw as Headers).forEach((v, k) => (out[k.toLowerCase()] = v));
    return out;
  }
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : String(v);
  return out;
}

export function fakeAws(origin: string, handlers: Record<string, FakeHandler | FakeHandler[]>, options: FakeAwsOptions = {}): FakeAws {
  const requests: FakeRequest[] = [];
  const counts = new Map<string, number>();
  const respond = (method: string, url: URL, headers: Record<string, string>, text: string): [number, string, Record<string, string>] => {
    let json: Record<string, unknown> | undefined;
    if (text.startsWith('{')) json = JSON.parse(text) as Record<string, unknown>;
    const form = json ? new URLSearchParams() : new URLSearchParams(text);
    const base = { method, path: url.pathname, query: url.searchParams, headers, form, json, body: text };
    const target = headers['x-amz-target'];
    const op = form.get('Action') ?? (target ? target.split('.').pop() : undefined) ?? options.route?.(base) ?? `${method} ${url.pathname}`;
    const req: FakeRequest = { ...base, op };
    requests.push(req);
    const nth = counts.get(op) ?? 0;
    counts.set(op, nth + 1);
    const h = handlers[op];
    const handler = Array.isArray(h) ? h[nth] : h;
    if (!handler) return [500, `fake-aws: no answer for call ${nth + 1} of ${op}`, { 'content-type': 'text/plain' }];
    const reply = handler(req, nth);
    return [reply.status ?? 200, reply.body, reply.headers ?? {}];
  };
  const scope = nock(origin).persist();
  for (const method of ['GET', 'POST', 'DELETE', 'PUT']) {
    // nock 15 calls a one-parameter reply function with the fetch Request.
    scope.intercept(() => true, method).reply(async (request: Request) => {
      const text = await request.clone().text();
      return respond(request.method || method, new URL(request.url, origin), headerRecord(request.headers), text);
    });
  }
  return { requests, calls: (op) => requests.filter((r) => r.op === op) };
}

// ---- answers, per protocol ----

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** EC2 query protocol success: <ActionResponse> with the members inline. */
export function ec2Reply(action: string, inner: string): FakeReply {
  return {
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}"><requestId>req-${action}</requestId>${inner}</${action}Response>`,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
  };
}

/** EC2 query protocol error. */
export function ec2Error(code: string, message = code, status = 400): FakeReply {
  return {
    status,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>req-err</RequestID></Response>`,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
  };
}

/** awsQuery success (ELB, ELBv2, RDS): <ActionResponse><ActionResult>…</ActionResult>. */
export function queryReply(action: string, inner: string, ns: string): FakeReply {
  return {
    body: `<${action}Response xmlns="${ns}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`,
    headers: { 'content-type': 'text/xml' },
  };
}

/** awsQuery / restXml error. */
export function queryError(code: string, message = code, status = 400, ns?: string): FakeReply {
  const xmlns = ns ? ` xmlns="${ns}"` : '';
  return {
    status,
    body: `<ErrorResponse${xmlns}><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`,
    headers: { 'content-type': 'text/xml' },
  };
}

/** restXml success: the document as given. */
export function xmlReply(body: string): FakeReply {
  return { body, headers: { 'content-type': 'text/xml' } };
}

/** JSON 1.1 / REST-JSON success. */
export function jsonReply(body: unknown, contentType = 'application/x-amz-json-1.1'): FakeReply {
  return { body: JSON.stringify(body), headers: { 'content-type': contentType } };
}

/** JSON 1.1 / REST-JSON error. */
export function jsonError(type: string, message = type, status = 400, contentType = 'application/x-amz-json-1.1'): FakeReply {
  return {
    status,
    body: JSON.stringify({ __type: type, message }),
    headers: { 'content-type': contentType, 'x-amzn-errortype': type },
  };
}

/** EC2 <tagSet> from a record. */
export function ec2Tags(tags: Record<string, string>, element = 'tagSet'): string {
  const items = Object.entries(tags).map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`).join('');
  return `<${element}>${items}</${element}>`;
}

export const ORIGINS = {
  ec2: 'https://ec2.us-east-1.amazonaws.com',
  elb: 'https://elasticloadbalancing.us-east-1.amazonaws.com',
  rds: 'https://rds.us-east-1.amazonaws.com',
  eks: 'https://eks.us-east-1.amazonaws.com',
  kms: 'https://kms.us-east-1.amazonaws.com',
  route53: 'https://route53.amazonaws.com',
  secretsmanager: 'https://secretsmanager.us-east-1.amazonaws.com',
} as const;

/** remove() waits poll at once in these tests (pollSettings); the settings come back after each test. */
export function fastPolls(): void {
  const saved = { ...pollSettings };
  beforeEach(() => Object.assign(pollSettings, { firstDelayMs: 1, maxDelayMs: 2 }));
  afterEach(() => Object.assign(pollSettings, saved));
}

/** EFS's REST API: the operation of a request, by method and path (a `route` for fakeAws). */
export function efsRoute(req: Omit<FakeRequest, 'op'>): string | undefined {
  if (req.method === 'GET' && req.path === '/2015-02-01/file-systems') return 'DescribeFileSystems';
  if (req.method === 'GET' && req.path === '/2015-02-01/mount-targets') return 'DescribeMountTargets';
  if (req.method === 'DELETE' && req.path.startsWith('/2015-02-01/mount-targets/')) return 'DeleteMountTarget';
  if (req.method === 'DELETE' && req.path.startsWith('/2015-02-01/file-systems/')) return 'DeleteFileSystem';
  return undefined;
}
