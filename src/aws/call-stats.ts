import { appendFileSync } from 'node:fs';
import type { CallStatsSummary, OperationCount } from '../core/model.js';

const THROTTLE_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
]);

export function isThrottle(code: string | undefined): boolean {
  return code !== undefined && THROTTLE_CODES.has(code);
}

/** Counts every AWS API call a run makes, by service and operation. One instance per run. */
export class CallStats {
  private readonly counts = new Map<string, OperationCount>();
  private readonly started = Date.now();
  /** performance.now() at the first call: milliseconds since the process started. */
  private firstCallAt: number | undefined;
  /** Every "service:Operation" seen, for the least-privilege check. */
  readonly listeners: Array<(service: string, operation: string) => void> = [];

  constructor() {
    // COSTGUARD_RECORD_CALLS=FILE appends every "service:Operation" called to FILE (the least-privilege test reads it).
    const record = process.env.COSTGUARD_RECORD_CALLS;
    if (record) this.listeners.push((service, operation) => appendFileSync(record, `${service}:${operation}\n`));
  }

  private entry(service: string, operation: string): OperationCount {
    const key = `${service}:${operation}`;
    let e = this.counts.get(key);
    if (!e) {
      e = { service, operation, calls: 0, retries: 0, throttles: 0, errors: 0 };
      this.counts.set(key, e);
    }
    return e;
  }

  recordCall(service: string, operation: string): void {
    this.firstCallAt ??= performance.now();
    this.entry(service, operation).calls++;
    for (const l of this.listeners) l(service, operation);
  }

  recordAttemptFailure(service: string, operation: string, code: string | undefined, willRetry: boolean): void {
    const e = this.entry(service, operation);
    if (isThrottle(code)) e.throttles++;
    if (willRetry) e.retries++;
  }

  recordRetries(service: string, operation: string, retries: number): void {
    if (retries > 0) this.entry(service, operation).retries += retries;
  }

  recordThrottle(service: string, operation: string): void {
    this.entry(service, operation).throttles++;
  }

  recordError(service: string, operation: string): void {
    this.entry(service, operation).errors++;
  }

  count(service?: string): number {
    let n = 0;
    for (const e of this.counts.values()) if (!service || e.service === service) n += e.calls;
    return n;
  }

  summary(): CallStatsSummary {
    const byOperation = [...this.counts.values()].sort((a, b) =>
      a.service === b.service ? a.operation.localeCompare(b.operation) : a.service.localeCompare(b.service),
    );
    return {
      apiCalls: byOperation.reduce((n, e) => n + e.calls, 0),
      retries: byOperation.reduce((n, e) => n + e.retries, 0),
      throttles: byOperation.reduce((n, e) => n + e.throttles, 0),
      byOperation: byOperation.map((e) => ({ ...e })),
      durationMs: Date.now() - this.started,
      ...(this.firstCallAt === undefined ? {} : { firstApiCallMs: Math.round(this.firstCallAt) }),
    };
  }
}
