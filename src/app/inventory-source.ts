import type { TargetOptions } from '../aws/targets/types.js';

/** Where an inventory comes from: live AWS, a saved snapshot, or the bundled demo account. */
export type InventorySource =
  | {
      kind: 'aws';
      targets: TargetOptions;
      regions?: string[];
      concurrency: number;
      accountConcurrency?: number;
      maxAttempts?: number;
      /**
       * --workers: processes of this machine that collect the accounts side by side (default 1: this
       * one); 'fit': as many as the run's accounts need, once they are listed (fittedWorkers).
       */
      workers?: number | 'fit';
    }
  | ({ kind: 'snapshot'; file: string } & SavedInventoryFilter)
  | ({ kind: 'demo' } & SavedInventoryFilter);

/** --region and --shard on a saved inventory (--snapshot, --demo): narrow what was saved. */
export interface SavedInventoryFilter {
  regions?: string[];
  shard?: TargetOptions['shard'];
}

export interface CollectRequest {
  source: InventorySource;
  /** Resource types to collect (default: all registered). */
  types?: string[];
  onProgress?: (done: number, total: number, label: string) => void;
  now?: Date;
}
