// local:key-file — private keys under ~/.ssh that group or others can read.
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Resource } from '../core/model.js';
import { displayPath, fileModeFacts, shellQuote } from './file-mode.js';
import { sshIdentityFiles } from './ssh-config.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './types.js';

const DEFAULT_IDENTITIES = ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'identity'];
const PRIVATE_KEY_HEADER = /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----|^PuTTY-User-Key-File-/m;

/** Whether the file starts like a private key; undefined when it cannot be read. Only the first 4 KiB are read and nothing is kept. */
function looksLikePrivateKey(path: string): boolean | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const found = PRIVATE_KEY_HEADER.test(buffer.subarray(0, n).toString('latin1'));
    buffer.fill(0);
    return found;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function pemFiles(dir: string, depth: number): string[] {
  if (depth < 0 || !existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pemFiles(path, depth - 1));
    else if (/\.pem$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface KeyFileOptions {
  home: string;
  user: string;
  platform?: NodeJS.Platform;
}

/** The private key files of a home directory: ~/.ssh/**\/*.pem (two levels), default identities and ssh config IdentityFiles. */
export function collectKeyFiles(options: KeyFileOptions): Resource[] {
  const sshDir = join(options.home, '.ssh');
  const candidates = new Map<string, string>();
  for (const path of pemFiles(sshDir, 2)) candidates.set(path, 'pem');
  for (const name of DEFAULT_IDENTITIES) {
    const path = join(sshDir, name);
    if (!candidates.has(path)) candidates.set(path, 'default-identity');
  }
  for (const path of sshIdentityFiles(join(sshDir, 'config'), options.home, options.user)) if (!candidates.has(path)) candidates.set(path, 'ssh-config');

  const out: Resource[] = [];
  for (const [path, source] of candidates) {
    if (!isFile(path)) continue;
    const shown = displayPath(path, options.home);
    const privateKey = looksLikePrivateKey(path);
    out.push({
      type: 'local:key-file',
      id: shown,
      name: basename(path),
      accountId: LOCAL_ACCOUNT,
      region: LOCAL_REGION,
      tags: {},
      props: {
        path,
        displayPath: shown,
        shellPath: shellQuote(path),
        source,
        ...(privateKey !== undefined ? { privateKey } : {}),
        ...fileModeFacts(path, options.platform),
      },
    });
  }
  return out;
}
