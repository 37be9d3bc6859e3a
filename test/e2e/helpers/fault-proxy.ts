// A fault-injecting HTTP proxy for e2e tests, in front of moto on 127.0.0.1 only. It forwards every
// request, records each one (and which are mutating, with every id they name), and answers a chosen
// fraction of matching operations with a fault in the error shape of the request's protocol: EC2
// query XML, AWS query XML, JSON 1.0/1.1 (X-Amz-Target), REST-XML (S3) and REST-JSON. Operations are
// matched by the query Action, the X-Amz-Target suffix, or "METHOD /path" for REST APIs.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'unavailable' | 'throttle' | 'denied' | 'dependency' | 'drop';

export interface FaultRule {
  /** Operation names ("DescribeVpcs", "DeleteBucket") or a test on the recorded call. */
  match: readonly string[] | ((call: ProxiedCall) => boolean);
  fault: Fault;
  /** Fraction of matching calls answered with the fault (1 = all). */
  rate: number;
}

export interface ProxiedCall {
  method: string;
  path: string;
  /** Action, X-Amz-Target suffix, or "METHOD /path" for REST APIs. */
  operation: string;
  protocol: 'ec2' | 'query' | 'json' | 'rest-xml' | 'rest-json';
  /** Every value the request carries (form values, JSON strings, path segments, query values). */
  values: string[];
  mutating: boolean;
  /** The fault answered instead of forwarding, if any. */
  fault?: Fault;
}

export interface FaultProxy {
  url: string;
  calls: ProxiedCall[];
  /** Calls that change something (delete, revoke, detach, disassociate, modify, put...), forwarded or not. */
  mutating(): ProxiedCall[];
  setRules(rules: FaultRule[]): void;
  /** Hold each forwarded call this many milliseconds before forwarding it (0: none), e.g. to keep deletions in flight. */
  setDelay(delay: (call: ProxiedCall) => number): void;
  close(): Promise<void>;
}

const MUTATING = /^(Delete|Terminate|Revoke|Detach|Disassociate|Modify|Put|Release|Remove|Deregister|Schedule|Update|Attach|Associate|Authorize|Stop|Disable|Cancel|Purge|Replace|Reset|Tag|Untag)/;
const EC2_VERSION = '2016-11-15';

/** A small seeded generator, so a run's faults can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) jsonStrings(v, out);
}

function describeCall(req: IncomingMessage, body: string): ProxiedCall {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const method = req.method ?? 'GET';
  const target = req.headers['x-amz-target'];
  const contentType = String(req.headers['content-type'] ?? '');
  const values = [...url.searchParams.values(), ...url.pathname.split('/').filter(Boolean).map(decodeURIComponent)];
  let operation: string;
  let protocol: ProxiedCall['protocol'];
  const form = contentType.includes('x-www-form-urlencoded') ? new URLSearchParams(body) : undefined;
  if (form?.get('Action')) {
    operation = form.get('Action') as string;
    protocol = form.get('Version') === EC2_VERSION ? 'ec2' : 'query';
    values.push(...[...form.entries()].filter(([k]) => k !== 'Action' && k !== 'Version').map(([, v]) => v));
  } else if (typeof target === 'string') {
    operation = target.split('.').pop() ?? target;
    protocol = 'json';
    try {
      jsonStrings(JSON.parse(body || '{}'), values);
    } catch {
      // not JSON: nothing more to record
    }
  } else {
    operation = `${method} ${url.pathname}`;
    // The signing scope names the service (Credential=KEY/date/region/SERVICE/aws4_request): S3,
    // Route 53 and CloudFront speak REST-XML; the other REST APIs (EKS, Lambda...) REST-JSON, GETs included.
    const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    const restXml = service ? ['s3', 'route53', 'cloudfront', 's3-control'].includes(service) : !contentType.includes('json') && !/^\/\d{4}-\d{2}-\d{2}\//.test(url.pathname);
    protocol = restXml ? 'rest-xml' : 'rest-json';
    if (protocol === 'rest-json') {
      try {
        jsonStrings(JSON.parse(body || '{}'), values);
      } catch {
        // not JSON
      }
    } else {
      values.push(...[...body.matchAll(/<(?:Key|VersionId)>([^<]*)<\//g)].map((m) => m[1]));
    }
  }
  const mutating = protocol === 'rest-xml' || protocol === 'rest-json' ? method === 'DELETE' || method === 'PUT' || (method === 'POST' && url.searchParams.has('delete')) : MUTATING.test(operation);
  return { method, path: url.pathname, operation, protocol, values, mutating };
}

const FAULT_CODES: Record<Exclude<Fault, 'drop'>, { status: number; ec2: string; query: string; json: string; s3: string; message: string }> = {
  unavailable: { status: 503, ec2: 'Unavailable', query: 'ServiceUnavailable', json: 'ServiceUnavailableException', s3: 'ServiceUnavailable', message: 'Service is unavailable (fault proxy)' },
  throttle: { status: 400, ec2: 'RequestLimitExceeded', query: 'Throttling', json: 'ThrottlingException', s3: 'SlowDown', message: 'Rate exceeded (fault proxy)' },
  denied: { status: 403, ec2: 'UnauthorizedOperation', query: 'AccessDenied', json: 'AccessDeniedException', s3: 'AccessDenied', message: 'You are not authorized to perform this operation (fault proxy)' },
  dependency: { status: 400, ec2: 'DependencyViolation', query: 'DeleteConflict', json: 'ResourceInUseException', s3: 'BucketNotEmpty', message: 'The resource has a dependent object (fault proxy)' },
};

/** The fault in the error shape the SDK expects for the call's protocol. */
export function faultResponse(call: ProxiedCall, fault: Exclude<Fault, 'drop'>): { status: number; headers: Record<string, string>; body: string } {
  const f = FAULT_CODES[fault];
  const status = call.protocol === 'ec2' && fault === 'throttle' ? 503 : f.status;
  switch (call.protocol) {
    case 'ec2':
      return { status, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${f.ec2}</Code><Message>${f.message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>` };
    case 'query':
      return { status, headers: { 'content-type': 'text/xml' }, body: `<ErrorResponse><Error><Type>Sender</Type><Code>${f.query}</Code><Message>${f.message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>` };
    case 'json':
      return { status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: f.json, message: f.message }) };
    case 'rest-json':
      return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': f.json }, body: JSON.stringify({ message: f.message }) };
    case 'rest-xml':
      return { status: fault === 'dependency' ? 409 : status, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${f.s3}</Code><Message>${f.message}</Message><RequestId>fault-proxy</RequestId></Error>` };
  }
}

function matches(rule: FaultRule, call: ProxiedCall): boolean {
  if (typeof rule.match === 'function') return rule.match(call);
  if (rule.fault === 'dependency' && !call.mutating) return false;
  return rule.match.includes(call.operation);
}

/** Start a proxy on 127.0.0.1 in front of `upstream` (an http://127.0.0.1:PORT moto server). */
export async function startFaultProxy(options: { upstream: string; rules?: FaultRule[]; seed?: number }): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  if (upstream.hostname !== '127.0.0.1' && upstream.hostname !== 'localhost') throw new Error('the fault proxy only fronts a local server');
  const random = seeded(options.seed ?? 1);
  let rules = options.rules ?? [];
  let delay: (call: ProxiedCall) => number = () => 0;
  const calls: ProxiedCall[] = [];
  const forwardTo = (req: IncomingMessage, res: ServerResponse, raw: Buffer): void => {
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => req.socket.destroy());
    forward.end(raw);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const call = describeCall(req, raw.toString('utf8'));
      calls.push(call);
      const rule = rules.find((r) => matches(r, call));
      if (rule && random() < rule.rate) {
        call.fault = rule.fault;
        if (rule.fault === 'drop') {
          req.socket.destroy();
          return;
        }
        const reply = faultResponse(call, rule.fault);
        res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
        res.end(reply.body);
        return;
      }
      const hold = delay(call);
      if (hold > 0) {
        setTimeout(() => forwardTo(req, res, raw), hold);
        return;
      }
      forwardTo(req, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    mutating: () => calls.filter((c) => c.mutating),
    setRules: (next) => (rules = next),
    setDelay: (next) => (delay = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
