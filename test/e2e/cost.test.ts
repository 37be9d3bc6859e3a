// End to end, cost: an Organization on moto (the management account and one member). Cost Explorer
// results are seeded per account through moto's API; the management account has an AWS Budget and a
// billing alarm, the member has neither. The Free Tier API and GetCostForecast are not in moto: a tiny
// server on 127.0.0.1 plays the Free Tier API (AWS_ENDPOINT_URL_FREETIER), answering the management
// account's keys with a free plan and the member with AccessDenied; the forecast degrades to
// "unavailable". The built CLI runs `cost --json` twice (the second run answered by the disk cache,
// zero paid requests) and `audit --pack cost`.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetsClient, CreateBudgetCommand } from '@aws-sdk/client-budgets';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/model.js';
import { addMonths, historyPeriod, isoDay, monthKey, monthsBetween } from '../../src/cost/months.js';
import type { CostReport } from '../../src/cost/report.js';
import { buildOnce, describeRun, parseStdout, runCli, startMoto, type MotoServer } from './helpers/index.js';

const MANAGEMENT = '123456789012';
const MANAGEMENT_KEY = 'testing';

let moto: MotoServer;
let freeTier: Server;
let freeTierEndpoint: string;
const freeTierRequests: Array<{ target?: string; contentType?: string; authorization?: string }> = [];
let memberId: string;
let cacheHome: string;
const now = new Date();

const base = (endpoint: string) => ({ region: 'us-east-1', endpoint, credentials: { accessKeyId: MANAGEMENT_KEY, secretAccessKey: 'testing' }, maxAttempts: 1 });

/** `months` previous months at `monthly` USD each, this month `mtd` so far, as Cost Explorer groups them. */
function costResults(monthly: number, mtd: number, natHours: number) {
  const period = historyPeriod(now, 6);
  const current = monthKey(now);
  return monthsBetween(period.start, now)
    .filter((m) => m !== current || now.getUTCDate() > 1)
    .map((m) => {
      const start = `${m}-01`;
      const end = m === current ? period.end : isoDay(addMonths(new Date(`${start}T00:00:00Z`), 1));
      const usd = m === current ? mtd : monthly;
      return {
        TimePeriod: { Start: start, End: end },
        Total: {},
        Groups: [
          {
            Keys: ['Amazon Virtual Private Cloud', 'USE2-NatGateway-Hours'],
            Metrics: { UnblendedCost: { Amount: String(usd), Unit: 'USD' }, UsageQuantity: { Amount: String(natHours), Unit: 'Hrs' } },
          },
        ],
        Estimated: m === current,
      };
    });
}

async function seedCostExplorer(accountId: string, results: ReturnType<typeof costResults>): Promise<void> {
  const res = await fetch(`${moto.endpoint}/moto-api/static/ce/cost-and-usage-results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account_id: accountId, results: [{ ResultsByTime: results, DimensionValueAttributes: [] }] }),
  });
  expect(res.status).toBe(201);
}

function answerFreeTier(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const target = req.headers['x-amz-target'] as string | undefined;
    const authorization = req.headers.authorization;
    freeTierRequests.push({ target, contentType: req.headers['content-type'], authorization });
    const key = /Credential=([^/]+)\//.exec(authorization ?? '')?.[1];
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...(status >= 300 ? { 'x-amzn-errortype': (body as { __type: string }).__type } : {}) });
      res.end(JSON.stringify(body));
    };
    if (key !== MANAGEMENT_KEY) return reply(400, { __type: 'AccessDeniedException', message: 'The Free Tier API is not available for member accounts' });
    if (target === 'AWSFreeTierService.GetAccountPlanState') {
      return reply(200, {
        accountId: MANAGEMENT,
        accountPlanType: 'FREE',
        accountPlanStatus: 'ACTIVE',
        accountPlanRemainingCredits: { amount: 12.5, unit: 'USD' },
        accountPlanExpirationDate: Math.floor(now.getTime() / 1000) + 90 * 86_400,
      });
    }
    if (target === 'AWSFreeTierService.GetFreeTierUsage') {
      return reply(200, {
        freeTierUsages: [
          { service: 'Amazon Elastic Compute Cloud', usageType: 'USE2-BoxUsage:freetrial', region: 'us-east-2', actualUsageAmount: 690, forecastedUsageAmount: 900, limit: 750, unit: 'Hrs', description: '750 hours', freeTierType: '12 Months Free' },
          { service: 'AWS Lambda', usageType: 'Lambda-GB-Second', actualUsageAmount: 10, forecastedUsageAmount: 20, limit: 400000, unit: 'Seconds', freeTierType: 'Always Free' },
        ],
      });
    }
    return reply(400, { __type: 'UnknownOperationException', message: String(target) });
  });
}

beforeAll(async () => {
  await buildOnce();
  moto = await startMoto();
  const org = new OrganizationsClient(base(moto.endpoint));
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  memberId = (await org.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }))).CreateAccountStatus?.AccountId as string;
  org.destroy();

  await seedCostExplorer(MANAGEMENT, costResults(10, 20, 480));
  await seedCostExplorer(memberId, costResults(4, 3.5, 100));

  const budgets = new BudgetsClient(base(moto.endpoint));
  await budgets.send(
    new CreateBudgetCommand({
      AccountId: MANAGEMENT,
      Budget: { BudgetName: 'monthly', BudgetLimit: { Amount: '25', Unit: 'USD' }, TimeUnit: 'MONTHLY', BudgetType: 'COST' },
    }),
  );
  budgets.destroy();
  const cloudwatch = new CloudWatchClient(base(moto.endpoint));
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'billing-over-10-usd',
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      Statistic: 'Maximum',
      Period: 21600,
      EvaluationPeriods: 1,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [`arn:aws:sns:us-east-1:${MANAGEMENT}:billing-alarm`],
    }),
  );
  cloudwatch.destroy();

  freeTier = createServer(answerFreeTier);
  await new Promise<void>((resolve) => freeTier.listen(0, '127.0.0.1', resolve));
  const address = freeTier.address();
  freeTierEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  cacheHome = mkdtempSync(join(tmpdir(), 'costguard-e2e-cost-cache-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => (freeTier ? freeTier.close(() => resolve()) : resolve()));
  await moto?.stop();
  if (cacheHome) rmSync(cacheHome, { recursive: true, force: true });
});

const env = (cache = cacheHome) => ({ AWS_ENDPOINT_URL: moto.endpoint, AWS_ENDPOINT_URL_FREETIER: freeTierEndpoint, XDG_CACHE_HOME: cache });
const hasMonthToDate = now.getUTCDate() > 1;

describe('costguard cost on two accounts', () => {
  let first: CostReport;
  let second: CostReport;

  beforeAll(async () => {
    const run1 = await runCli(['cost', '--org', '--json', '--max-attempts', '1'], env());
    expect(run1.code, describeRun(run1)).toBe(0);
    first = parseStdout<CostReport>(run1);
    const run2 = await runCli(['cost', '--org', '--json', '--max-attempts', '1'], env());
    expect(run2.code, describeRun(run2)).toBe(0);
    second = parseStdout<CostReport>(run2);
  });

  it("carries each account's numbers separately", () => {
    expect(first.accounts.map((a) => a.accountId).sort()).toEqual([MANAGEMENT, memberId].sort());
    const management = first.accounts.find((a) => a.accountId === MANAGEMENT);
    const member = first.accounts.find((a) => a.accountId === memberId);
    const previous = monthKey(addMonths(now, -1));
    expect(management?.spend?.months.find((m) => m.month === previous)?.usd).toBe(10);
    expect(member?.spend?.months.find((m) => m.month === previous)?.usd).toBe(4);
    expect(management?.spend?.monthToDateUsd).toBe(hasMonthToDate ? 20 : 0);
    expect(member?.spend?.monthToDateUsd).toBe(hasMonthToDate ? 3.5 : 0);
    expect(management?.spend?.previousMonthsAverageUsd).toBe(10);
    expect(member?.spend?.previousMonthsAverageUsd).toBe(4);
    expect(management?.topUsageTypes[0]).toMatchObject({ usageType: 'USE2-NatGateway-Hours', usageRegion: 'us-east-2', ruleIds: ['vpc-nat-gateway'] });
    expect(management?.budgets).toEqual({ budgetCount: 1, budgetNames: ['monthly'] });
    expect(member?.budgets).toEqual({ budgetCount: 0, budgetNames: [] });
    expect(management?.billingAlarms).toEqual({ billingAlarmCount: 1, notifyingAlarmCount: 1 });
    expect(member?.billingAlarms).toEqual({ billingAlarmCount: 0, notifyingAlarmCount: 0 });
  });

  it('degrades the forecast (not in moto) to "unavailable" without failing the run', () => {
    for (const account of first.accounts) {
      expect(account.spend?.forecastAvailable).toBe(false);
      expect(account.spend?.forecastUnavailableReason).toBeTruthy();
      expect(account.spend?.forecastUsd).toBeUndefined();
    }
    expect(first.errors).toEqual([]);
  });

  it('reads the Free Tier API signed for freetier, and reports the member it does not serve as unavailable, not as an error', () => {
    const management = first.accounts.find((a) => a.accountId === MANAGEMENT);
    const member = first.accounts.find((a) => a.accountId === memberId);
    expect(management?.freeTier.plan).toMatchObject({ available: true, accountPlanType: 'FREE', status: 'ACTIVE', remainingCreditsUsd: 12.5 });
    expect(management?.freeTier.offers[0]).toMatchObject({ usageType: 'USE2-BoxUsage:freetrial', actualPercent: 92 });
    expect(member?.freeTier.plan).toMatchObject({ available: false });
    expect(String(member?.freeTier.plan?.unavailableReason)).toMatch(/^AccessDeniedException/);
    expect(member?.freeTier.offers).toEqual([]);
    expect(freeTierRequests.length).toBeGreaterThanOrEqual(4);
    for (const r of freeTierRequests) {
      expect(r.target).toMatch(/^AWSFreeTierService\.(GetAccountPlanState|GetFreeTierUsage)$/);
      expect(r.contentType).toBe('application/x-amz-json-1.0');
      expect(r.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=[A-Z0-9a-z]+\/\d{8}\/us-east-1\/freetier\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    }
  });

  it('counts the paid requests, and a second run is answered by the disk cache with none', () => {
    // per account: one GetCostAndUsage page and one GetCostForecast
    expect(first.requests.paidRequests).toBe(4);
    expect(first.requests.cacheAnswered).toBe('none');
    expect(second.requests.paidRequests).toBe(0);
    expect(second.requests.cacheAnswered).toBe('all');
    expect(second.accounts.map((a) => [a.accountId, a.spend?.monthToDateUsd]).sort()).toEqual(first.accounts.map((a) => [a.accountId, a.spend?.monthToDateUsd]).sort());
    const files = readdirSync(join(cacheHome, 'costguard', 'cost-explorer'));
    expect(files.filter((f) => f.startsWith(`${MANAGEMENT}-`))).toHaveLength(2);
    expect(files.filter((f) => f.startsWith(`${memberId}-`))).toHaveLength(2);
  });

  it('prints the trend chart, the usage-type table and the paid-request line for people', async () => {
    const run = await runCli(['cost', '--org', '--max-attempts', '1'], env());
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toContain(`Account ${MANAGEMENT}`);
    expect(run.stdout).toContain('Monthly spend');
    expect(run.stdout).toMatch(/USE2-NatGateway-Hours.*vpc-nat-gateway/);
    expect(run.stdout).toContain('Cost Explorer: 0 paid requests this run');
    expect(run.stdout).toContain('the disk cache answered everything');
  });
});

describe('costguard audit and the cost pack', () => {
  it('finds each account its own cost problems with --pack cost', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'costguard-e2e-cost-audit-'));
    try {
      const run = await runCli(['audit', '--org', '--pack', 'cost', '--format', 'json', '--max-attempts', '1', '--param', 'monthlyBudgetUsd=1', '--stats'], env(cache));
      expect([0, 1], describeRun(run)).toContain(run.code);
      const report = parseStdout<Report>(run);
      const lines = new Set(report.findings.map((f) => `${f.accountId} ${f.ruleId}`));
      expect(lines).toContain(`${MANAGEMENT} cost-credits-running-out`);
      expect(lines).toContain(`${MANAGEMENT} cost-free-tier-usage-high`);
      expect(lines).toContain(`${memberId} billing-no-budget`);
      expect(lines).toContain(`${memberId} billing-no-alarm`);
      expect(lines).not.toContain(`${MANAGEMENT} billing-no-budget`);
      expect(lines).not.toContain(`${MANAGEMENT} billing-no-alarm`);
      expect(lines).not.toContain(`${memberId} cost-credits-running-out`);
      if (hasMonthToDate) expect(lines).toContain(`${MANAGEMENT} cost-month-over-budget`);
      expect(report.errors).toEqual([]);
      expect(report.summary.byOperation?.filter((o) => o.service === 'ce').reduce((n, o) => n + o.calls, 0)).toBe(4);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('never calls Cost Explorer (nor the Free Tier API) without the cost pack', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'costguard-e2e-cost-none-'));
    const before = freeTierRequests.length;
    try {
      const run = await runCli(['audit', '--region', 'us-east-1', '--format', 'json', '--max-attempts', '1', '--stats'], env(cache));
      const report = parseStdout<Report>(run);
      const services = new Set((report.summary.byOperation ?? []).map((o) => o.service));
      expect(services.has('ce'), describeRun(run)).toBe(false);
      expect(services.has('freetier')).toBe(false);
      expect(freeTierRequests.length).toBe(before);
      expect(report.findings.some((f) => f.pack === 'cost')).toBe(false);
      expect(() => readdirSync(join(cache, 'costguard'))).toThrow();
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
