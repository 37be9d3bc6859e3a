import { join } from 'node:path';
import { readInventoryFile } from '../core/inventory-file.js';
import type { Inventory } from '../core/model.js';
import { packageRoot } from '../core/package-root.js';
import type { CollectRequest } from './inventory-source.js';

export type { CollectRequest, InventorySource } from './inventory-source.js';

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
