// The INI dialect of ~/.aws/credentials and ~/.aws/config: [section] headers, key = value lines,
// # and ; comments, and indented sub-keys (s3 =\n  max_concurrent_requests = 10) folded away.

export interface IniSection {
  /** Header as written inside the brackets, trimmed: "default", "profile dev", "sso-session corp". */
  header: string;
  values: Record<string, string>;
  /** 1-based line of the header. */
  line: number;
}

export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  let parentKey: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (header) {
      current = { header: header[1].trim(), values: {}, line: index + 1 };
      sections.push(current);
      parentKey = undefined;
      return;
    }
    if (!current) return;
    const indented = /^\s/.test(line);
    const eq = trimmed.indexOf('=');
    if (eq < 0) return;
    const key = trimmed.slice(0, eq).trim().toLowerCase();
    const value = trimmed.slice(eq + 1).trim();
    if (indented && parentKey !== undefined) return; // a sub-key of a nested setting
    current.values[key] = value;
    parentKey = value === '' ? key : undefined;
  });
  return sections;
}

/** The profile a section describes: "default", "dev" (config: "profile dev"), undefined for other kinds ("sso-session x", "services y"). */
export function profileOf(header: string, file: 'credentials' | 'config'): string | undefined {
  if (file === 'credentials') return header;
  if (header === 'default') return 'default';
  const m = /^profile\s+(.+)$/.exec(header);
  return m ? m[1].trim() : undefined;
}
