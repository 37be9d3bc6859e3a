// File permission facts for the local hygiene checks (POSIX modes; unknown on Windows).
import { statSync } from 'node:fs';

export interface FileModeFacts {
  /** "0644"; absent when modes mean nothing here (Windows) or the file cannot be read. */
  mode?: string;
  modeKnown: boolean;
  groupReadable: boolean;
  otherReadable: boolean;
  /** Any permission bit for group or others (ssh refuses such private keys). */
  accessibleByOthers: boolean;
  /** "group and others", "others", "group" — who besides the owner can get at the file. */
  readableBy?: string;
  ownerUid?: number;
}

export function fileModeFacts(path: string, platform: NodeJS.Platform = process.platform): FileModeFacts {
  if (platform === 'win32') return { modeKnown: false, groupReadable: false, otherReadable: false, accessibleByOthers: false };
  const stat = statSync(path);
  const bits = stat.mode & 0o777;
  const group = (bits & 0o070) !== 0;
  const other = (bits & 0o007) !== 0;
  return {
    mode: `0${bits.toString(8).padStart(3, '0')}`,
    modeKnown: true,
    groupReadable: (bits & 0o040) !== 0,
    otherReadable: (bits & 0o004) !== 0,
    accessibleByOthers: group || other,
    ...(group || other ? { readableBy: group && other ? 'group and others' : other ? 'others' : 'group' } : {}),
    ownerUid: stat.uid,
  };
}

/** A path quoted for a POSIX shell when it needs it. */
export function shellQuote(path: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** "~/.ssh/id_rsa" for a path under home; the path itself otherwise. */
export function displayPath(path: string, home: string): string {
  const h = home.endsWith('/') ? home.slice(0, -1) : home;
  return path === h ? '~' : path.startsWith(`${h}/`) ? `~/${path.slice(h.length + 1)}` : path;
}
