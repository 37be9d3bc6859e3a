// Errors that name their cause: an unreachable or invalid endpoint is not "no credentials", a failing
// credential_process says so, a misspelt --profile is bad input with a did-you-mean, and a bad
// --notify-webhook URL is refused before any AWS call. Shared by audit, cost, accounts and nuke.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT, exitCodeFor } from '../../../src/core/errors.js';
import { resolveProfiles } from '../../../src/aws/targets/index.js';
import { deps, tempHome, type TempHome } from './helpers.js';

const KEYS = '[lab]\naws_access_key_id = AKIATESTTESTTESTTEST\naws_secret_access_key = test-secret\n';

async function failure(profiles: string[] | undefined): Promise<Error> {
  try {
    await resolveProfiles({ ...(profiles ? { profiles } : {}) }, { ...deps(), maxAttempts: 1 });
  } catch (error) {
    return error as Error;
  }
  throw new Error('resolveProfiles did not fail');
}

describe('named errors while resolving credentials', () => {
  let home: TempHome;
  beforeEach(() => {
    home = tempHome();
    home.write('.aws/credentials', KEYS);
    home.write('.aws/config', '[profile lab]\nregion = us-east-1\n[profile broken]\nregion = us-east-1\ncredential_process = /bin/false\n');
  });
  afterEach(() => home.cleanup());

  it('a refused endpoint names the endpoint and the network error, exit 3', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    const error = await failure(['lab']);
    expect(error.message).toMatch(/^cannot reach the AWS endpoint http:\/\/127\.0\.0\.1:9: ECONNREFUSED: /);
    expect(error.message).not.toMatch(/No usable AWS credentials/);
    expect(exitCodeFor(error)).toBe(EXIT.incomplete);
  });

  it('an invalid endpoint URL names the endpoint, exit 3', async () => {
    process.env.AWS_ENDPOINT_URL = 'not a url';
    const error = await failure(['lab']);
    expect(error.message).toMatch(/^cannot reach the AWS endpoint not a url: ERR_INVALID_URL: /);
    expect(exitCodeFor(error)).toBe(EXIT.incomplete);
  });

  it('a failing credential_process says which profile and why, exit 4', async () => {
    const error = await failure(['broken']);
    expect(error.message).toMatch(/^No usable AWS credentials for profile "broken" \(its credential_process failed\): Command failed: \/bin\/false/);
    expect(exitCodeFor(error)).toBe(EXIT.credentials);
  });

  it('a misspelt profile is bad input with a did-you-mean, exit 2, before any call', async () => {
    const error = await failure(['lba']);
    expect(error.message).toBe('profile lba is not in ~/.aws/config or ~/.aws/credentials; did you mean lab?');
    expect(exitCodeFor(error)).toBe(EXIT.usage);
  });

  it('a profile that does not exist and resembles none says so, exit 2', async () => {
    const error = await failure(['production-east']);
    expect(error.message).toBe('profile production-east is not in ~/.aws/config or ~/.aws/credentials');
    expect(exitCodeFor(error)).toBe(EXIT.usage);
  });
});

describe('--notify-webhook', () => {
  it('a URL that is not http(s) is bad input (exit 2) before anything runs', async () => {
    const { default: Audit } = await import('../../../commands/audit.js');
    const root = new URL('../../..', import.meta.url).pathname;
    let stderr = '';
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    const logErr = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      stderr += `${args.map(String).join(' ')}\n`;
    });
    process.exitCode = undefined;
    let thrown: unknown;
    try {
      await Audit.run(['--demo', '--notify-webhook', 'hooks.slack.com/services/x', '--format', 'json'], root).catch((e: unknown) => (thrown = e));
      expect(`${stderr}${String((thrown as Error | undefined)?.message ?? '')}`).toContain('--notify-webhook "hooks.slack.com/services/x" is not an http(s) URL');
      expect(process.exitCode).toBe(EXIT.usage);
    } finally {
      err.mockRestore();
      logErr.mockRestore();
      process.exitCode = undefined;
    }
  });
});
