// IdentityFile entries of ~/.ssh/config (and the files it Includes), resolved to paths.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { globToRegExp } from '../core/patterns.js';

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}

/** Split "Keyword value", "Keyword=value" and "Keyword = value". */
function keywordOf(line: string): { keyword: string; value: string } | undefined {
  const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/.exec(line);
  return m ? { keyword: m[1].toLowerCase(), value: m[2].trim() } : undefined;
}

/**
 * Expand ~ and the %d (home) and %u (user) tokens; undefined for paths with tokens only a
 * connection can fill (%h, %r, %n, ...), which cannot be checked ahead of time.
 */
export function expandSshPath(value: string, home: string, user: string): string | undefined {
  let path = unquote(value);
  if (path.startsWith('~/') || path === '~') path = join(home, path.slice(1));
  path = path.replace(/%d/g, home).replace(/%u/g, user).replace(/%%/g, '%');
  if (path.includes('%')) return undefined;
  return isAbsolute(path) ? path : join(home, '.ssh', path);
}

function includeTargets(pattern: string, home: string, user: string): string[] {
  const path = expandSshPath(pattern, home, user);
  if (!path) return [];
  if (!/[*?[]/.test(basename(path))) return existsSync(path) ? [path] : [];
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const re = globToRegExp(basename(path));
  return readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f));
}

/** Every IdentityFile of an ssh config file and its Includes (depth-limited), in order, without duplicates. */
export function sshIdentityFiles(configPath: string, home: string, user: string, depth = 0, seen = new Set<string>()): string[] {
  if (depth > 8 || seen.has(configPath) || !existsSync(configPath)) return [];
  seen.add(configPath);
  const out: string[] = [];
  let text: string;
  try {
    text = readFileSync(configPath, 'utf8');
  } catch {
    return [];
  }
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '');
    const kv = keywordOf(line);
    if (!kv) continue;
    if (kv.keyword === 'identityfile') {
      const path = expandSshPath(kv.value, home, user);
      if (path && !/^none$/i.test(unquote(kv.value))) out.push(path);
    } else if (kv.keyword === 'include') {
      for (const pattern of kv.value.split(/\s+/).filter(Boolean)) {
        for (const target of includeTargets(pattern, home, user)) out.push(...sshIdentityFiles(target, home, user, depth + 1, seen));
      }
    }
  }
  return [...new Set(out)];
}
