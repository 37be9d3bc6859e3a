import { join } from 'node:path';
import type { TargetOptions } from '../aws/targets/types.js';
import { readInventoryFile } from '../core/inventory-file.js';
import type { Inventory } from '../core/model.js';
import { packageRoot } from '../core/package-root.js';

/** Where an inventory comes from: live AWS, a saved snapshot, or the bundled demo account. */
export type InventorySource =
  | { kind: 'aws'; targets: TargetOptions; regions?: string[]; concurrency: number; accountConcurrency?: number; maxAttempts?: number }
  | { kind: 'snapshot'; file: string }
  | { kind: 'demo' };

export interface CollectRequest {
  source: InventorySource;
  /** Resource types to collect (default: all registered). */
  types?: string[];
  onProgress?: (done: number, total: number, label: string) => void;
  now?: Date;
}

export function demoSnapshotPath(): string {
  return join(packageRoot(), 'demo', 'demo-account.json');
}

/** Get an inventory from its source. Live collection is bounded and counted; files are validated. */
export async function loadInventory(request: CollectRequest): Promise<Inventory> {
  const { source } = request;
  if (source.kind === 'snapshot') return readInventoryFile(source.file);
  if (source.kind === 'demo') return readInventoryFile(demoSnapshotPath());
  const { collectLive } = await import('./collect-live.js');
  return collectLive(source, request);
}
