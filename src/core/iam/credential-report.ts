// The IAM credential report (GetCredentialReport): CSV → typed rows. Pure.
//
// Columns: user, arn, user_creation_time, password_enabled, password_last_used,
// password_last_changed, password_next_rotation, mfa_active, access_key_1_active,
// access_key_1_last_rotated, access_key_1_last_used_date, access_key_1_last_used_region,
// access_key_1_last_used_service, (the same for key 2), cert_1_active, cert_1_last_rotated,
// cert_2_active, cert_2_last_rotated. The root user's row is "<root_account>". Values may be "N/A"
// (does not apply: no key, never used), "no_information" (password never used since Oct 2014) and
// "not_supported" (root password_enabled and the like).

export const ROOT_ACCOUNT_USER = '<root_account>';

export interface CredentialReportKey {
  slot: 1 | 2;
  active: boolean;
  /** ISO; absent when the key does not exist ("N/A"). */
  lastRotated?: string;
  lastUsedDate?: string;
  lastUsedRegion?: string;
  lastUsedService?: string;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime?: string;
  /** Undefined when the report says not_supported (root). */
  passwordEnabled?: boolean;
  passwordLastUsed?: string;
  /** password_last_used was "no_information": never used since IAM started tracking (Oct 2014). */
  passwordLastUsedUnknown: boolean;
  passwordLastChanged?: string;
  passwordNextRotation?: string;
  mfaActive: boolean;
  /** Keys that exist (active, or inactive with a rotation date), slot 1 then 2. */
  accessKeys: CredentialReportKey[];
  certs: Array<{ slot: 1 | 2; active: boolean; lastRotated?: string }>;
}

export class CredentialReportError extends Error {
  override name = 'CredentialReportError';
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

const EMPTY = new Set(['n/a', 'no_information', 'not_supported', '']);

function timestamp(value: string | undefined): string | undefined {
  if (value === undefined || EMPTY.has(value.trim().toLowerCase())) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function bool(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

function text(value: string | undefined): string | undefined {
  return value === undefined || EMPTY.has(value.trim().toLowerCase()) ? undefined : value;
}

const REQUIRED_COLUMNS = ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active'];

/** Parse the report CSV (the decoded Content of GetCredentialReport). Throws CredentialReportError on a malformed report. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  if (rows.length === 0) throw new CredentialReportError('the credential report is empty');
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new CredentialReportError(`the credential report has no ${missing.join(', ')} column`);
  const index = new Map(header.map((h, i) => [h, i]));
  return rows.slice(1).map((cells) => {
    const get = (column: string) => {
      const i = index.get(column);
      return i === undefined ? undefined : cells[i];
    };
    const key = (slot: 1 | 2): CredentialReportKey | undefined => {
      const active = bool(get(`access_key_${slot}_active`)) ?? false;
      const lastRotated = timestamp(get(`access_key_${slot}_last_rotated`));
      if (!active && lastRotated === undefined) return undefined;
      return {
        slot,
        active,
        ...(lastRotated ? { lastRotated } : {}),
        ...optional('lastUsedDate', timestamp(get(`access_key_${slot}_last_used_date`))),
        ...optional('lastUsedRegion', text(get(`access_key_${slot}_last_used_region`))),
        ...optional('lastUsedService', text(get(`access_key_${slot}_last_used_service`))),
      };
    };
    const cert = (slot: 1 | 2) => {
      const active = bool(get(`cert_${slot}_active`)) ?? false;
      const lastRotated = timestamp(get(`cert_${slot}_last_rotated`));
      return !active && lastRotated === undefined ? undefined : { slot, active, ...optional('lastRotated', lastRotated) };
    };
    const user = get('user') ?? '';
    const passwordLastUsedRaw = get('password_last_used')?.trim().toLowerCase();
    return {
      user,
      arn: get('arn') ?? '',
      isRoot: user === ROOT_ACCOUNT_USER,
      ...optional('userCreationTime', timestamp(get('user_creation_time'))),
      ...optional('passwordEnabled', bool(get('password_enabled'))),
      ...optional('passwordLastUsed', timestamp(get('password_last_used'))),
      passwordLastUsedUnknown: passwordLastUsedRaw === 'no_information',
      ...optional('passwordLastChanged', timestamp(get('password_last_changed'))),
      ...optional('passwordNextRotation', timestamp(get('password_next_rotation'))),
      mfaActive: bool(get('mfa_active')) ?? false,
      accessKeys: [key(1), key(2)].filter((k): k is CredentialReportKey => k !== undefined),
      certs: [cert(1), cert(2)].filter((c): c is NonNullable<ReturnType<typeof cert>> => c !== undefined),
    } satisfies CredentialReportRow;
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The latest of several ISO timestamps (undefined when none). */
export function latest(...values: Array<string | undefined>): string | undefined {
  const defined = values.filter((v): v is string => v !== undefined);
  if (defined.length === 0) return undefined;
  return defined.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}
