// Which "not found" proves a resource gone, and when its deletion was accepted. A remove() that does
// anything before its own delete (empties a bucket, deletes mount targets, detaches policies) can hit
// a "not found" about one of those parts while the resource itself stays, or be stopped (Ctrl-C,
// --max-wait) before its own delete was ever sent. The executor (src/app/nuke/execute.ts) reports a
// resource "already gone" only when the "not found" came from the resource's own call, and "deletion
// accepted" only when its own delete succeeded.
//
// A step on a part of the resource goes through partCall(): a "not found" from it is that part being
// gone already, and remove() carries on to its own delete.
//
// The resource's own calls:
// - ownDelete(): its final delete. Its "not found" is the resource gone; its success is the deletion accepted.
// - ownCall(): a read (or update) of the resource itself. Its "not found" is the resource gone.
// - the first call remove() makes, when it is a delete (Delete*, Terminate*, Release*, Deregister*,
//   Schedule*, Purge*), counts as ownDelete() without marking: a remove() that starts with its delete
//   needs nothing. The executor counts the calls (countCalls below).

import { classifyFailure } from './failures.js';

const OWN = Symbol.for('costguard.ownCall');
const CALL = Symbol.for('costguard.removeCall');

/** What one remove() has done so far, as countCalls sees it. */
interface Attempt {
  calls: number;
  deleteAccepted: boolean;
}

/** The remove() each call counted by countCalls belongs to, by the promise its send() returned. */
const ATTEMPT_OF = new WeakMap<Promise<unknown>, Attempt>();

/** Operations that delete what they name: the first call of a remove() made with one of these is its own delete. */
export const OWN_DELETE_OPERATION = /^(Delete|Terminate|Release|Deregister|Schedule|Purge)/;

function errorName(error: unknown): string {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown } | undefined;
  return [e?.name, e?.Code, e?.code].filter((v) => typeof v === 'string').join(' ');
}

function mark(error: unknown, key: symbol, value: unknown): void {
  if (error && typeof error === 'object') Object.defineProperty(error, key, { value, enumerable: false, configurable: true });
}

/**
 * Run a call about the resource itself (a read or an update of it, not of a part of it; its final
 * delete goes through ownDelete). A "not found" it throws means the resource is gone. With
 * `notFound`, only an error whose name matches it counts (e.g. /ClusterNotFound/ for a call that can
 * also fail about something else).
 */
export async function ownCall<T>(call: Promise<T>, notFound?: RegExp): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (!notFound || notFound.test(errorName(error))) mark(error, OWN, true);
    throw error;
  }
}

/**
 * Run the resource's own final delete. A "not found" it throws means the resource is gone; once it
 * succeeds, the deletion is accepted (a wait that is stopped afterwards leaves it "in progress", not undone).
 */
export async function ownDelete<T>(call: Promise<T>): Promise<T> {
  const out = await ownCall(call);
  const attempt = ATTEMPT_OF.get(call);
  if (attempt) attempt.deleteAccepted = true;
  return out;
}

/**
 * The resource's own read found it gone (no such id, or a final state such as released or
 * TERMINATED) after its delete was refused inside a successful answer (ReleaseHosts' Unsuccessful,
 * TerminateWorkspaces' FailedRequests), which carry no "not found" code of their own: the error
 * remove() throws then, counted as "already gone".
 */
export function goneByOwnRead(message: string): Error {
  const error = new Error(message);
  error.name = 'NotFound';
  mark(error, OWN, true);
  return error;
}

/**
 * Run a step on a part of the resource (a mount target, a listener, an attached policy, an object):
 * a "not found" from it means that part is gone already, and remove() goes on to its next step (its
 * own delete decides about the resource). Resolves undefined then; other errors propagate.
 */
export async function partCall<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (classifyFailure(error).kind === 'gone') return undefined;
    throw error;
  }
}

/** Whether the error came from a call remove() marked with ownCall(). */
export function isOwnCall(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && (error as Record<symbol, unknown>)[OWN] === true);
}

export interface RemoveCall {
  /** 1 for the first call the remove() made. */
  index: number;
  /** The operation, e.g. "DeleteVpc". */
  operation: string;
}

/** Which call of a remove() (counted by countCalls) the error came from. */
export function removeCallOf(error: unknown): RemoveCall | undefined {
  if (!error || typeof error !== 'object') return undefined;
  return (error as Record<symbol, RemoveCall | undefined>)[CALL];
}

/** Whether the error proves the resource gone: its own call said so, or the remove() started with its delete and that said so. */
export function isAboutTheResource(error: unknown): boolean {
  if (isOwnCall(error)) return true;
  const call = removeCallOf(error);
  return call !== undefined && call.index === 1 && OWN_DELETE_OPERATION.test(call.operation);
}

/**
 * The operation a command runs: from the SDK's operation schema (`[9, namespace, "DeleteVpc", ...]`), which
 * no bundling renames, else from the command's class name (the build keeps names).
 */
function operationOf(command: unknown): string {
  const c = command as { schema?: unknown; constructor?: { name?: string } } | undefined;
  const schema = c?.schema;
  if (Array.isArray(schema) && typeof schema[2] === 'string') return schema[2];
  if (schema && typeof schema === 'object' && typeof (schema as { name?: unknown }).name === 'string') return (schema as { name: string }).name;
  return String(c?.constructor?.name ?? 'Unknown').replace(/Command$/, '');
}

interface Sender {
  send(command: unknown, ...rest: unknown[]): Promise<unknown>;
}

export interface CallCounter {
  /** The client with its send() counted: an error a call throws remembers which call it was (removeCallOf). */
  wrap<C>(client: C): C;
  /** Whether the resource's own delete has succeeded (ownDelete, or a delete remove() started with). */
  readonly deleteAccepted: boolean;
}

/** A counter of the calls one remove() makes. */
export function countCalls(): CallCounter {
  const attempt: Attempt = { calls: 0, deleteAccepted: false };
  const wrap = <C>(client: C): C => {
    if (!client || typeof client !== 'object' || typeof (client as unknown as Sender).send !== 'function') return client;
    const target = client as unknown as Sender;
    const send = (command: unknown, ...rest: unknown[]) => {
      const call: RemoveCall = { index: ++attempt.calls, operation: operationOf(command) };
      const remember = (error: unknown) => {
        if (removeCallOf(error) === undefined) mark(error, CALL, call);
        return Promise.reject(error);
      };
      let sent: Promise<unknown>;
      try {
        sent = target.send(command, ...rest).then((out) => {
          if (call.index === 1 && OWN_DELETE_OPERATION.test(call.operation)) attempt.deleteAccepted = true;
          return out;
        }, remember);
      } catch (error) {
        sent = remember(error);
      }
      ATTEMPT_OF.set(sent, attempt);
      return sent;
    };
    return new Proxy(target, { get: (t, key, receiver) => (key === 'send' ? send : Reflect.get(t, key, receiver)) }) as unknown as C;
  };
  return {
    wrap,
    get deleteAccepted() {
      return attempt.deleteAccepted;
    },
  };
}
