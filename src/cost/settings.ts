// How cost collection behaves: how many months, and the disk cache for paid Cost Explorer answers.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../core/duration.js';

export const DEFAULT_COST_MONTHS = 6;
/** Cost Explorer keeps 13 months of history by default. */
export const MAX_COST_MONTHS = 13;
export const DEFAULT_CACHE_TTL = '4h';

export interface CostSettings {
  /** Full months before the current one. */
  months: number;
  /** How long a cached answer is used. */
  cacheTtlMs: number;
  /** false (--no-cache): never read the cache; fresh answers are still written. */
  readCache: boolean;
  cacheDir: string;
}

/** `$XDG_CACHE_HOME/costguard` or `~/.cache/costguard`. */
export function costCacheDir(env: Record<string, string | undefined> = process.env, home: string = homedir()): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.trim() !== '' ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(base, 'costguard');
}

/** "4h", "30m", "2d" or "0" (no reuse); throws with a plain message on anything else. */
export function parseCacheTtl(text: string): number {
  if (/^\s*0+\s*$/.test(text)) return 0;
  return parseDuration(text);
}

function monthsFrom(text: string | undefined): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= MAX_COST_MONTHS ? n : DEFAULT_COST_MONTHS;
}

/**
 * Settings for runs that have no cost flags (audit --pack cost): defaults, overridable through
 * COSTGUARD_CACHE_TTL, COSTGUARD_NO_CACHE=1 and COSTGUARD_COST_MONTHS.
 */
export function costSettingsFromEnv(env: Record<string, string | undefined> = process.env): CostSettings {
  let cacheTtlMs: number;
  try {
    cacheTtlMs = parseCacheTtl(env.COSTGUARD_CACHE_TTL ?? DEFAULT_CACHE_TTL);
  } catch {
    cacheTtlMs = parseCacheTtl(DEFAULT_CACHE_TTL);
  }
  return {
    months: monthsFrom(env.COSTGUARD_COST_MONTHS),
    cacheTtlMs,
    readCache: !/^(1|true|yes)$/i.test(env.COSTGUARD_NO_CACHE ?? ''),
    cacheDir: costCacheDir(env),
  };
}
