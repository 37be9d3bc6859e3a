// collectLocal as `costguard audit` runs it: the user's home (or --home), the AWS CLI's own file
// overrides when no --home is given, and identity checks through STS, counted.
import { homedir } from 'node:os';
import { CallStats } from '../aws/call-stats.js';
import { ClientFactory } from '../aws/client-factory.js';
import { stsCallerIdentity } from './caller-identity.js';
import { collectLocal, type LocalCollection } from './collect-local.js';

export interface LocalAuditOptions {
  /** --home DIR; default the user's home, with AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE honoured. */
  home?: string;
  /** Check whose keys each profile holds (sts:GetCallerIdentity per profile); default true. */
  checkIdentities?: boolean;
  maxAttempts?: number;
  now?: Date;
}

export async function collectLocalForAudit(options: LocalAuditOptions = {}): Promise<LocalCollection> {
  const stats = new CallStats();
  const explicitHome = options.home !== undefined;
  const local = await collectLocal({
    home: options.home ?? homedir(),
    now: options.now,
    ...(explicitHome ? {} : { credentialsFile: process.env.AWS_SHARED_CREDENTIALS_FILE || undefined, configFile: process.env.AWS_CONFIG_FILE || undefined }),
    ...(options.checkIdentities === false ? {} : { callerIdentity: stsCallerIdentity({ stats, limiter: ClientFactory.newLimiter(4), maxAttempts: options.maxAttempts }) }),
  });
  return { ...local, stats: stats.summary() };
}
