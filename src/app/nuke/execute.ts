// The nuke executor: runs a plan's deletions in dependency order with bounded concurrency, retries
// what failed for a retryable cause in later passes until a pass makes no progress (nothing deleted,
// nothing merely throttled) or --max-wait passes, stops starting new deletions on Ctrl-C (waiting for those in flight), and always ends with
// a receipt in which every item is deleted, skipped (why) or failed (why).
import type { NukePlan, NukeReceipt, PlannedDeletion, ReceiptItem } from '../../core/nuke/types.js';
import type { RemoveContext, ResourceType } from '../../resources/resource-type.js';
import { isThrottle } from '../../aws/call-stats.js';
import { classifyFailure, type ClassifiedFailure } from '../../aws/nuke/failures.js';
import { countCalls, isAboutTheResource, removeCallOf, type CallCounter } from '../../aws/nuke/own-call.js';
import { sleep, StoppedError } from '../../aws/nuke/wait.js';
import { sumUsd } from '../../core/money.js';

export interface ExecuteEvent {
  pass: number;
  item: PlannedDeletion;
  /** started | deleted | retry | failed | deferred */
  what: 'started' | 'deleted' | 'retry' | 'failed' | 'deferred';
  settled: number;
  total: number;
  detail?: string;
}

export interface ExecuteOptions {
  plan: NukePlan;
  resourceType(type: string): ResourceType | undefined;
  /** The context remove() gets for one account and region (clients for that account's credentials). */
  context(accountId: string, region: string, signal: AbortSignal): RemoveContext;
  /** Deletions in flight at once. */
  concurrency: number;
  /** Stop starting deletions (and stop waiting for slow ones) after this long. */
  maxWaitMs: number;
  /** Pause between passes (default 5 s). */
  passDelayMs?: number;
  /** Fires on Ctrl-C: no new deletions start; those in flight finish. */
  signal?: AbortSignal;
  onEvent?: (event: ExecuteEvent) => void;
  version: string;
  /** API calls made so far (for the receipt). */
  apiCalls?: () => number;
  now?: () => Date;
  /** Deletions in flight when the run stops get this long to settle before the receipt is written (default 1 s). */
  stopGraceMs?: number;
  /** Called once deleting starts with a function that gives the receipt as it stands (for a forced stop). */
  onStart?: (snapshot: () => NukeReceipt) => void;
}

type State = 'pending' | 'retry' | 'deleted' | 'failed';

interface Item {
  deletion: PlannedDeletion;
  group: string;
  state: State;
  attempts: number;
  lastError?: ClassifiedFailure;
  /** Why it was not attempted in the last pass (a dependency still failing). */
  deferredBy?: string;
  /** Its remove() is running. */
  inFlight?: boolean;
  note?: string;
  /** The run stopped while remove() was still on the steps before the resource's own delete. */
  stoppedBeforeDelete?: boolean;
  durationMs: number;
}

function groupOf(d: PlannedDeletion): string {
  return `${d.accountId}|${d.region}|${d.type}`;
}

class Pass {
  private running = 0;
  private settledCount = 0;
  private progress = 0;
  private readonly remaining = new Map<string, number>();
  private readonly blocked = new Map<string, string>();
  private readonly unsettledDeps = new Map<string, number>();
  private readonly dependents = new Map<string, string[]>();
  private readonly queues = new Map<string, Item[]>();
  private readonly ready: string[] = [];
  private resolve!: (progress: number) => void;
  private grace?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly number: number,
    private readonly items: Item[],
    private readonly executor: Executor,
  ) {
    for (const item of items) {
      this.remaining.set(item.group, (this.remaining.get(item.group) ?? 0) + 1);
      const q = this.queues.get(item.group);
      if (q) q.push(item);
      else this.queues.set(item.group, [item]);
    }
    for (const [group, queue] of this.queues) {
      const deps = queue[0].deletion.after.filter((g) => this.remaining.has(g));
      this.unsettledDeps.set(group, deps.length);
      for (const dep of deps) this.dependents.set(dep, [...(this.dependents.get(dep) ?? []), group]);
    }
  }

  run(): Promise<number> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      for (const [group, n] of this.unsettledDeps) if (n === 0) this.ready.push(group);
      this.pump();
    });
  }

  private pump(): void {
    while (!this.executor.stopped && this.running < this.executor.concurrency && this.ready.length > 0) {
      const group = this.ready[0];
      const queue = this.queues.get(group) as Item[];
      const item = queue.shift() as Item;
      if (queue.length === 0) this.ready.shift();
      this.running++;
      this.executor.emit(this.number, item, 'started', this.settledCount, this.items.length);
      void this.executor.attempt(item).then(() => {
        this.running--;
        // A throttle is not a dead end: AWS will take the call later (bounded by --max-wait).
        if (item.state === 'deleted' || (item.state === 'retry' && isThrottle(item.lastError?.code))) this.progress++;
        this.settle(item);
        this.pump();
      });
    }
    if (this.running === 0 && (this.ready.length === 0 || this.executor.stopped)) {
      clearTimeout(this.grace);
      this.resolve(this.progress);
    } else if (this.executor.stopped && this.grace === undefined) {
      // Stopped with deletions in flight: give them a moment, then write the receipt without them.
      this.grace = setTimeout(() => this.resolve(this.progress), this.executor.stopGraceMs);
    }
  }

  /** The run was stopped: settle the pass once what is in flight has had its grace. */
  onStop(): void {
    this.pump();
  }

  private settle(item: Item): void {
    this.settledCount++;
    this.executor.emit(this.number, item, item.state === 'deleted' ? 'deleted' : item.state === 'failed' ? 'failed' : item.deferredBy ? 'deferred' : 'retry', this.settledCount, this.items.length);
    if (item.state === 'retry' && !this.blocked.has(item.group)) this.blocked.set(item.group, `${item.deletion.type} ${item.deletion.id}`);
    const left = (this.remaining.get(item.group) ?? 1) - 1;
    this.remaining.set(item.group, left);
    if (left === 0) this.groupDone(item.group);
  }

  /** A group is settled for this pass: its dependents may start, or wait for the next pass when it left work undone. */
  private groupDone(group: string): void {
    for (const dependent of this.dependents.get(group) ?? []) {
      const n = (this.unsettledDeps.get(dependent) ?? 1) - 1;
      this.unsettledDeps.set(dependent, n);
      if (n > 0) continue;
      const queue = this.queues.get(dependent) as Item[];
      const blocker = queue[0].deletion.after.map((g) => this.blocked.get(g)).find((b) => b !== undefined);
      if (blocker) {
        for (const item of queue.splice(0)) {
          item.state = 'retry';
          item.deferredBy = blocker;
          this.settle(item);
        }
      } else {
        this.ready.push(dependent);
      }
    }
  }
}

class Executor {
  stopped = false;
  stopReason?: string;
  readonly concurrency: number;
  readonly stopGraceMs: number;
  private current?: Pass;
  private passes = 0;
  private readonly items: Item[];
  private readonly stop: AbortController;
  /** Keys ("account|region|type|id") of what this run deletes. */
  private readonly planned: Set<string>;

  constructor(private readonly options: ExecuteOptions) {
    this.planned = new Set(options.plan.deletions.map((d) => d.key));
    this.concurrency = Math.max(1, options.concurrency);
    this.stopGraceMs = options.stopGraceMs ?? 1_000;
    this.items = options.plan.deletions.map((deletion) => ({ deletion, group: groupOf(deletion), state: 'pending', attempts: 0, durationMs: 0 }));
    this.stop = new AbortController();
  }

  emit(pass: number, item: Item, what: ExecuteEvent['what'], settled: number, total: number): void {
    this.options.onEvent?.({ pass, item: item.deletion, what, settled, total, detail: item.lastError ? `${item.lastError.code}: ${item.lastError.message}` : item.note });
  }

  private halt(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopReason = reason;
    this.stop.abort();
    this.current?.onStop();
  }

  async attempt(item: Item): Promise<void> {
    const started = Date.now();
    item.attempts++;
    item.deferredBy = undefined;
    item.stoppedBeforeDelete = undefined;
    item.inFlight = true;
    const d = item.deletion;
    const type = this.options.resourceType(d.type);
    let counter: CallCounter | undefined;
    try {
      if (!type?.remove) throw Object.assign(new Error(`costguard cannot delete ${d.type}`), { name: 'NotDeletable' });
      const context = this.options.context(d.accountId, d.region, this.stop.signal);
      const isPlanned = (otherType: string, id: string) => this.planned.has(`${d.accountId}|${d.region}|${otherType}|${id}`);
      // Counted so that a "not found" can be traced to the call that said it, and a stop to before or after the delete (own-call.ts).
      counter = countCalls();
      const counted = counter;
      await type.remove({ ...context, isPlanned, client: (ctor) => counted.wrap(context.client(ctor)) }, d.resource);
      item.state = 'deleted';
      item.lastError = undefined;
    } catch (error) {
      if (error instanceof StoppedError && counter?.deleteAccepted) {
        item.state = 'deleted';
        item.note = 'deletion accepted; still in progress when the run stopped';
      } else if (error instanceof StoppedError) {
        // Stopped while its parts were being removed (mount targets, objects, a detach): its own delete was never sent.
        item.state = 'retry';
        item.stoppedBeforeDelete = true;
      } else {
        const failure = classifyFailure(error);
        if (failure.kind === 'gone' && isAboutTheResource(error)) {
          // Its own delete (or a read of it) said "not found": the resource is gone.
          item.state = 'deleted';
          item.note = 'already gone';
          item.lastError = undefined;
        } else if (failure.kind === 'gone' && counter?.deleteAccepted) {
          // Its own delete was accepted, and a wait for it then read "not found": it is gone.
          item.state = 'deleted';
          item.lastError = undefined;
        } else if (failure.kind === 'gone') {
          // A "not found" about something else (a part deleted first, a step before the delete): the
          // resource itself may well still exist, so it is never counted as deleted.
          const step = removeCallOf(error)?.operation;
          item.lastError = { kind: 'permanent', code: failure.code, message: `${failure.message} (${step ? `said by ${step}, ` : ''}a step of the removal, not the ${d.type}'s own delete: ${d.id} may still exist)` };
          item.state = 'failed';
        } else {
          item.lastError = failure;
          item.state = failure.kind === 'retryable' ? 'retry' : 'failed';
        }
      }
    } finally {
      item.inFlight = false;
      item.durationMs += Date.now() - started;
    }
  }

  async run(): Promise<NukeReceipt> {
    const now = this.options.now ?? (() => new Date());
    const startedAt = now();
    this.options.onStart?.(() => this.receipt(startedAt, now(), this.passes));
    const onUserStop = () => this.halt('stopped by the user (Ctrl-C)');
    if (this.options.signal?.aborted) onUserStop();
    this.options.signal?.addEventListener('abort', onUserStop, { once: true });
    const deadline = setTimeout(() => this.halt(`--max-wait (${Math.round(this.options.maxWaitMs / 1000)} s) reached`), this.options.maxWaitMs);
    try {
      let todo = this.items;
      while (todo.length > 0 && !this.stopped) {
        this.passes++;
        this.current = new Pass(this.passes, todo, this);
        const progress = await this.current.run();
        this.current = undefined;
        todo = this.items.filter((i) => i.state === 'retry');
        if (todo.length === 0 || progress === 0 || this.stopped) break;
        try {
          await sleep(this.options.passDelayMs ?? 5_000, this.stop.signal);
        } catch {
          break;
        }
      }
    } finally {
      clearTimeout(deadline);
      this.options.signal?.removeEventListener('abort', onUserStop);
    }
    return this.receipt(startedAt, now(), this.passes);
  }

  private receiptItem(item: Item): ReceiptItem {
    const d = item.deletion;
    const base = { key: d.key, accountId: d.accountId, region: d.region, type: d.type, id: d.id, ...(d.name ? { name: d.name } : {}), ...(d.arn ? { arn: d.arn } : {}), attempts: item.attempts, monthlyCostUsd: d.monthlyCostUsd, durationMs: item.durationMs };
    if (item.state === 'deleted') return { ...base, status: 'deleted', ...(item.note ? { reason: item.note } : {}) };
    if (item.stoppedBeforeDelete) {
      return { ...base, status: 'skipped', category: 'interrupted', reason: `stopped (${this.stopReason ?? 'the run stopped'}) before its own delete was sent, while removing what it holds; run again to finish` };
    }
    if (item.inFlight && this.stopped) {
      return { ...base, status: 'skipped', category: 'interrupted', reason: `in flight when the run stopped (${this.stopReason}): the delete may have been accepted; run again to finish` };
    }
    const e = item.lastError;
    if (item.state === 'failed') return { ...base, status: 'failed', ...(e ? { code: e.code } : {}), reason: e?.message ?? 'not deleted' };
    // Never tried (the run stopped first), or only deferred behind a dependency that kept failing.
    if (!e) {
      if (this.stopped) return { ...base, status: 'skipped', category: 'interrupted', reason: `not started: ${this.stopReason}` };
      return { ...base, status: 'failed', reason: `not attempted: it must wait for ${item.deferredBy ?? 'a dependency'}, which could not be deleted` };
    }
    const when = this.stopped ? `still retryable when the run stopped (${this.stopReason})` : 'still failing when a pass made no progress';
    return { ...base, status: 'failed', code: e.code, reason: `${e.message} (${when})` };
  }

  private receipt(startedAt: Date, finishedAt: Date, passes: number): NukeReceipt {
    const { plan } = this.options;
    const items: ReceiptItem[] = [
      ...this.items.map((i) => this.receiptItem(i)),
      ...plan.skipped.map(
        (s): ReceiptItem => ({ key: s.key, accountId: s.accountId, region: s.region, type: s.type, id: s.id, ...(s.name ? { name: s.name } : {}), ...(s.arn ? { arn: s.arn } : {}), status: 'skipped', category: s.category, reason: s.reason, attempts: 0, monthlyCostUsd: null }),
      ),
    ];
    const deleted = items.filter((i) => i.status === 'deleted');
    const interrupted = this.stopped && this.items.some((i) => i.inFlight || (i.state !== 'deleted' && i.state !== 'failed'));
    return {
      tool: 'costguard',
      kind: 'nuke-receipt',
      schemaVersion: 1,
      version: this.options.version,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      interrupted,
      ...(this.stopReason && interrupted ? { stopReason: this.stopReason } : {}),
      passes,
      accounts: plan.accounts,
      items,
      errors: plan.errors,
      summary: {
        deleted: deleted.length,
        failed: items.filter((i) => i.status === 'failed').length,
        skipped: items.filter((i) => i.status === 'skipped').length,
        monthlyCostUsdSaved: sumUsd(deleted.map((i) => i.monthlyCostUsd)),
        ...(this.options.apiCalls ? { apiCalls: this.options.apiCalls() } : {}),
      },
    };
  }
}

/** Run a plan's deletions and return the receipt. Never throws for a failed deletion: failures are data. */
export function executePlan(options: ExecuteOptions): Promise<NukeReceipt> {
  return new Executor(options).run();
}

/** The receipt of a run stopped before any deletion started (Ctrl-C while collecting or planning). */
export function receiptBeforeStart(options: { version: string; startedAt: Date; finishedAt: Date; stopReason: string; plan?: NukePlan }): NukeReceipt {
  const skipped = (options.plan?.deletions ?? []).map(
    (d): ReceiptItem => ({ key: d.key, accountId: d.accountId, region: d.region, type: d.type, id: d.id, ...(d.name ? { name: d.name } : {}), status: 'skipped', category: 'interrupted', reason: `not started: ${options.stopReason}`, attempts: 0, monthlyCostUsd: d.monthlyCostUsd }),
  );
  return {
    tool: 'costguard',
    kind: 'nuke-receipt',
    schemaVersion: 1,
    version: options.version,
    startedAt: options.startedAt.toISOString(),
    finishedAt: options.finishedAt.toISOString(),
    durationMs: options.finishedAt.getTime() - options.startedAt.getTime(),
    interrupted: true,
    stopReason: options.stopReason,
    passes: 0,
    accounts: options.plan?.accounts ?? [],
    items: skipped,
    errors: options.plan?.errors ?? [],
    summary: { deleted: 0, failed: 0, skipped: skipped.length, monthlyCostUsdSaved: 0 },
  };
}
