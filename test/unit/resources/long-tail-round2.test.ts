// Long tail, second round (issue 13): Network Firewall, App Runner, Glue, EMR, WorkSpaces, Redshift Serverless,
// Bedrock provisioned throughput. Answers follow the shapes of the AWS API references.
import { afterEach, describe, expect, it } from 'vitest';
import { apprunnerService } from '../../../src/resources/apprunner-service.js';
import { bedrockProvisionedThroughput } from '../../../src/resources/bedrock-provisioned-throughput.js';
import { emrCluster } from '../../../src/resources/emr-cluster.js';
import { glueDevEndpoint } from '../../../src/resources/glue-dev-endpoint.js';
import { glueSession } from '../../../src/resources/glue-session.js';
import { networkFirewallFirewall } from '../../../src/resources/networkfirewall-firewall.js';
import { redshiftServerlessNamespace } from '../../../src/resources/redshiftserverless-namespace.js';
import { redshiftServerlessWorkgroup } from '../../../src/resources/redshiftserverless-workgroup.js';
import { workspacesWorkspace } from '../../../src/resources/workspaces-workspace.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases, regionOfferCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, type FakeReply, type FakeRequest, fastPolls } from './fake-aws.js';

const origin = (host: string) => `https://${host}.us-east-1.amazonaws.com`;
const JSON10 = 'application/x-amz-json-1.0';
const REST = 'application/json';
const THROTTLE = jsonError('ThrottlingException', 'Rate exceeded');
const DENIED = jsonError('AccessDeniedException', 'not authorized');

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('networkfirewall:firewall', () => {
  const arn = (name: string) => `arn:aws:network-firewall:us-east-1:111111111111:firewall/${name}`;
  const described = (name: string, protect = false) =>
    jsonReply({ Firewall: { FirewallName: name, FirewallArn: arn(name), FirewallPolicyArn: 'arn:aws:network-firewall:us-east-1:111111111111:firewall-policy/p', VpcId: 'vpc-1', SubnetMappings: [{ SubnetId: 'subnet-a' }, { SubnetId: 'subnet-b' }], DeleteProtection: protect, FirewallId: 'fw-1', Tags: [{ Key: 'lab', Value: '1' }] }, FirewallStatus: { Status: 'READY', ConfigurationSyncStateSummary: 'IN_SYNC' } }, JSON10);

  it('counts one endpoint per subnet mapping, guards delete protection, and deletes waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('network-firewall'), {
      ListFirewalls: () => jsonReply({ Firewalls: [{ FirewallName: 'open', FirewallArn: arn('open') }, { FirewallName: 'locked', FirewallArn: arn('locked') }] }, JSON10),
      DescribeFirewall: [(r) => described(String(r.json?.FirewallArn).split('/')[1]), (r) => described(String(r.json?.FirewallArn).split('/')[1], true), () => jsonError('ResourceNotFoundException', 'gone', 400, JSON10)],
      DeleteFirewall: () => jsonReply({ FirewallStatus: { Status: 'DELETING' } }, JSON10),
    });
    const [open, locked] = await networkFirewallFirewall.list(t.ctx);
    expect(open).toMatchObject({ id: arn('open'), name: 'open', tags: { lab: '1' }, props: { status: 'READY', endpointCount: 2, deleteProtection: false, vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'] } });
    const guardCtx = { defaultVpcs: new Map(), includeDefaultVpc: false };
    expect(networkFirewallFirewall.guard?.(open, guardCtx)).toBeUndefined();
    expect(networkFirewallFirewall.guard?.(locked, guardCtx)).toMatch(/delete protection/);
    await networkFirewallFirewall.remove?.(t.ctx, open);
    expect(server.calls('DeleteFirewall')[0].json).toEqual({ FirewallArn: arn('open') });
    expect(server.calls('DescribeFirewall')).toHaveLength(3);
  });
});

describe('apprunner:service', () => {
  const summary = (name: string, status = 'RUNNING') => ({ ServiceName: name, ServiceId: `id-${name}`, ServiceArn: `arn:aws:apprunner:us-east-1:111111111111:service/${name}/id-${name}`, ServiceUrl: `${name}.us-east-1.awsapprunner.com`, CreatedAt: 1735689600, UpdatedAt: 1735689600, Status: status });
  const page = (names: string[], next?: string): FakeReply => jsonReply({ ServiceSummaryList: names.map((n) => summary(n)), ...(next ? { NextToken: next } : {}) }, JSON10);

  it('maps running services, leaves deleted ones out, and deletes waiting for DELETED', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('apprunner'), {
      ListServices: () => jsonReply({ ServiceSummaryList: [summary('web'), summary('old', 'DELETED')] }, JSON10),
      DeleteService: () => jsonReply({ Service: summary('web', 'OPERATION_IN_PROGRESS'), OperationId: 'op-1' }, JSON10),
      DescribeService: [() => jsonReply({ Service: summary('web', 'OPERATION_IN_PROGRESS') }, JSON10), () => jsonReply({ Service: summary('web', 'DELETED') }, JSON10)],
    });
    const services = await apprunnerService.list(t.ctx);
    expect(services).toHaveLength(1);
    expect(services[0]).toMatchObject({ name: 'web', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'RUNNING' } });
    await apprunnerService.remove?.(t.ctx, services[0]);
    expect(server.requests.map((r) => r.op)).toEqual(['ListServices', 'DeleteService', 'DescribeService', 'DescribeService']);
  });

  regionOfferCases({
    service: 'App Runner',
    types: [apprunnerService],
    origin: (region) => `https://apprunner.${region}.amazonaws.com`,
    handlers: { ListServices: () => page(['web']) },
    absent: ['ap-northeast-2'],
  });

  pagedCollectorCases({ type: apprunnerService, idOf: (n) => summary(n).ServiceArn, origin: origin('apprunner'), service: 'apprunner', op: 'ListServices', pageSize: { name: 'MaxResults', max: 20 }, tokenParam: 'NextToken', page, throttle: jsonError('ThrottlingException', 'Rate exceeded', 400, JSON10), denied: jsonError('AccessDeniedException', 'no', 400, JSON10), deniedCode: 'AccessDeniedException' });
});

describe('glue:dev-endpoint and glue:session', () => {
  const endpoint = (name: string, extra: object = {}) => ({ EndpointName: name, Status: 'READY', NumberOfNodes: 5, CreatedTimestamp: 1735689600, ...extra });
  const page = (names: string[], next?: string): FakeReply => jsonReply({ DevEndpoints: names.map((n) => endpoint(n)), ...(next ? { NextToken: next } : {}) });

  it('counts DPUs from nodes or from workers of a type, and deletes an endpoint waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('glue'), {
      GetDevEndpoints: () => jsonReply({ DevEndpoints: [endpoint('nodes'), endpoint('workers', { NumberOfNodes: undefined, WorkerType: 'G.2X', NumberOfWorkers: 3 })] }),
      DeleteDevEndpoint: () => jsonReply({}),
      GetDevEndpoint: () => jsonError('EntityNotFoundException', 'not found'),
    });
    const [nodes, workers] = await glueDevEndpoint.list(t.ctx);
    expect(nodes).toMatchObject({ id: 'nodes', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'READY', dpus: 5 } });
    expect(workers.props).toMatchObject({ dpus: 6, workerType: 'G.2X' });
    await glueDevEndpoint.remove?.(t.ctx, nodes);
    expect(server.calls('DeleteDevEndpoint')[0].json).toEqual({ EndpointName: 'nodes' });
  });

  pagedCollectorCases({ type: glueDevEndpoint, origin: origin('glue'), service: 'glue', op: 'GetDevEndpoints', pageSize: { name: 'MaxResults', max: 1000 }, tokenParam: 'NextToken', page, throttle: THROTTLE, denied: DENIED, deniedCode: 'AccessDeniedException' });

  it('maps sessions and stops a ready one before deleting it', async () => {
    t = testCollectContext();
    const session = (id: string, status: string) => ({ Id: id, Status: status, CreatedOn: 1735689600, MaxCapacity: 5, IdleTimeout: 60, Command: { Name: 'glueetl' } });
    const server = fakeAws(origin('glue'), {
      ListSessions: () => jsonReply({ Ids: ['s-ready', 's-stopped'], Sessions: [session('s-ready', 'READY'), session('s-stopped', 'STOPPED')] }),
      StopSession: () => jsonReply({ Id: 's-ready' }),
      DeleteSession: () => jsonReply({ Id: 's-ready' }),
    });
    const [ready, stopped] = await glueSession.list(t.ctx);
    expect(ready).toMatchObject({ id: 's-ready', props: { status: 'READY', maxCapacity: 5, idleTimeoutMinutes: 60 } });
    await glueSession.remove?.(t.ctx, ready);
    await glueSession.remove?.(t.ctx, stopped);
    expect(server.requests.map((r) => `${r.op} ${String(r.json?.Id ?? '')}`)).toEqual(['ListSessions ', 'StopSession s-ready', 'DeleteSession s-ready', 'DeleteSession s-stopped']);
  });
});

describe('emr:cluster', () => {
  const cluster = (id: string, state = 'WAITING') => ({ Id: id, Name: 'lab', ClusterArn: `arn:aws:elasticmapreduce:us-east-1:111111111111:cluster/${id}`, NormalizedInstanceHours: 24, Status: { State: state, Timeline: { CreationDateTime: 1735689600 } } });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ Clusters: ids.map((id) => cluster(id)), ...(next ? { Marker: next } : {}) });

  it('lists only clusters that still run, and terminates one waiting for TERMINATED', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('elasticmapreduce'), {
      ListClusters: () => page(['j-1']),
      TerminateJobFlows: () => jsonReply({}),
      DescribeCluster: [() => jsonReply({ Cluster: { Id: 'j-1', Status: { State: 'TERMINATING' } } }), () => jsonReply({ Cluster: { Id: 'j-1', Status: { State: 'TERMINATED' } } })],
    });
    const [c] = await emrCluster.list(t.ctx);
    expect(server.calls('ListClusters')[0].json).toMatchObject({ ClusterStates: ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING'] });
    expect(c).toMatchObject({ id: 'j-1', name: 'lab', createdAt: '2025-01-01T00:00:00.000Z', props: { state: 'WAITING', normalizedInstanceHours: 24 } });
    await emrCluster.remove?.(t.ctx, c);
    expect(server.calls('TerminateJobFlows')[0].json).toEqual({ JobFlowIds: ['j-1'] });
    expect(server.calls('DescribeCluster')).toHaveLength(2);
  });
});

describe('workspaces:workspace', () => {
  const ws = (id: string, state = 'AVAILABLE') => ({ WorkspaceId: id, DirectoryId: 'd-1', UserName: 'alice', State: state, BundleId: 'wsb-1', WorkspaceProperties: { RunningMode: 'ALWAYS_ON', ComputeTypeName: 'STANDARD', RootVolumeSizeGib: 80, UserVolumeSizeGib: 50 } });
  const page = (ids: string[], next?: string): FakeReply => jsonReply({ Workspaces: ids.map((id) => ws(id)), ...(next ? { NextToken: next } : {}) });

  it('maps a desktop with its running mode, protects a suspended one, and terminates waiting until it is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('workspaces'), {
      DescribeWorkspaces: [() => jsonReply({ Workspaces: [ws('ws-1'), ws('ws-2', 'SUSPENDED')] }), () => jsonReply({ Workspaces: [ws('ws-1', 'TERMINATING')] }), () => jsonReply({ Workspaces: [] })],
      TerminateWorkspaces: () => jsonReply({ FailedRequests: [] }),
    });
    const [w, suspended] = await workspacesWorkspace.list(t.ctx);
    expect(w).toMatchObject({ id: 'ws-1', name: 'alice', props: { state: 'AVAILABLE', runningMode: 'ALWAYS_ON', computeType: 'STANDARD', directoryId: 'd-1' } });
    expect(w.createdAt).toBeUndefined();
    expect(workspacesWorkspace.protect?.(suspended)).toMatch(/suspended/);
    await workspacesWorkspace.remove?.(t.ctx, w);
    expect(server.calls('TerminateWorkspaces')[0].json).toEqual({ TerminateWorkspaceRequests: [{ WorkspaceId: 'ws-1' }] });
  });

  it('fails the delete when AWS reports the request failed', async () => {
    t = testCollectContext();
    fakeAws(origin('workspaces'), {
      TerminateWorkspaces: () => jsonReply({ FailedRequests: [{ WorkspaceId: 'ws-1', ErrorCode: 'InvalidResourceState.Suspended', ErrorMessage: 'suspended' }] }),
      DescribeWorkspaces: () => jsonReply({ Workspaces: [{ WorkspaceId: 'ws-1', State: 'SUSPENDED' }] }),
    });
    await expect(workspacesWorkspace.remove?.(t.ctx, { type: 'workspaces:workspace', id: 'ws-1', accountId: '111111111111', region: 'us-east-1', tags: {}, props: {} })).rejects.toThrow(/Suspended/);
  });

  regionOfferCases({
    service: 'WorkSpaces',
    types: [workspacesWorkspace],
    origin: (region) => `https://workspaces.${region}.amazonaws.com`,
    handlers: { DescribeWorkspaces: () => page(['ws-1']) },
    absent: ['us-west-1', 'ap-northeast-3', 'eu-north-1'],
    present: { region: 'sa-east-1', ids: ['ws-1'] },
  });

  pagedCollectorCases({ type: workspacesWorkspace, origin: origin('workspaces'), service: 'workspaces', op: 'DescribeWorkspaces', pageSize: { name: 'Limit', max: 25 }, tokenParam: 'NextToken', page, throttle: THROTTLE, denied: DENIED, deniedCode: 'AccessDeniedException' });
});

describe('redshift-serverless:workgroup and namespace', () => {
  const wg = (name: string) => ({ workgroupName: name, workgroupArn: `arn:aws:redshift-serverless:us-east-1:111111111111:workgroup/${name}`, namespaceName: 'ns', baseCapacity: 8, maxCapacity: 64, status: 'AVAILABLE', creationDate: '2025-01-01T00:00:00Z', publiclyAccessible: false });
  const page = (names: string[], next?: string): FakeReply => jsonReply({ workgroups: names.map(wg), ...(next ? { nextToken: next } : {}) });

  it('maps a workgroup to its namespace, and deletes both waiting until each is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(origin('redshift-serverless'), {
      ListWorkgroups: () => page(['wg']),
      ListNamespaces: () => jsonReply({ namespaces: [{ namespaceName: 'ns', namespaceArn: 'arn:aws:redshift-serverless:us-east-1:111111111111:namespace/abc', dbName: 'dev', status: 'AVAILABLE', creationDate: '2025-01-01T00:00:00Z' }] }),
      DeleteWorkgroup: () => jsonReply({ workgroup: { ...wg('wg'), status: 'DELETING' } }),
      GetWorkgroup: [() => jsonReply({ workgroup: { ...wg('wg'), status: 'DELETING' } }), () => jsonError('ResourceNotFoundException', 'gone')],
      DeleteNamespace: () => jsonReply({ namespace: { namespaceName: 'ns', status: 'DELETING' } }),
      GetNamespace: () => jsonError('ResourceNotFoundException', 'gone'),
    });
    const [w] = await redshiftServerlessWorkgroup.list(t.ctx);
    const [n] = await redshiftServerlessNamespace.list(t.ctx);
    expect(w).toMatchObject({ id: 'wg', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'AVAILABLE', baseCapacity: 8, maxCapacity: 64, namespaceName: 'ns' } });
    expect(n).toMatchObject({ id: 'ns', props: { status: 'AVAILABLE', dbName: 'dev' } });
    await redshiftServerlessWorkgroup.remove?.(t.ctx, w);
    await redshiftServerlessNamespace.remove?.(t.ctx, n);
    expect(server.calls('DeleteNamespace')[0].json).toEqual({ namespaceName: 'ns' });
    expect(server.calls('GetWorkgroup')).toHaveLength(2);
  });

  pagedCollectorCases({ type: redshiftServerlessWorkgroup, origin: origin('redshift-serverless'), service: 'redshift-serverless', op: 'ListWorkgroups', pageSize: { name: 'maxResults', max: 100 }, tokenParam: 'nextToken', page, throttle: THROTTLE, denied: DENIED, deniedCode: 'AccessDeniedException' });
});

describe('bedrock:provisioned-throughput', () => {
  const route = (req: Omit<FakeRequest, 'op'>) => {
    if (req.method === 'GET' && req.path === '/provisioned-model-throughputs') return 'ListProvisionedModelThroughputs';
    if (req.method === 'DELETE' && req.path.startsWith('/provisioned-model-throughput/')) return 'DeleteProvisionedModelThroughput';
    if (req.method === 'GET' && req.path.startsWith('/provisioned-model-throughput/')) return 'GetProvisionedModelThroughput';
    return undefined;
  };
  const pt = (name: string, extra: object = {}) => ({ provisionedModelName: name, provisionedModelArn: `arn:aws:bedrock:us-east-1:111111111111:provisioned-model/${name}`, modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1', desiredModelArn: 'x', foundationModelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1', modelUnits: 1, desiredModelUnits: 1, status: 'InService', creationTime: '2025-01-01T00:00:00Z', lastModifiedTime: '2025-01-01T00:00:00Z', ...extra });

  it('maps model units and commitment, protects a running commitment, and deletes one without', async () => {
    t = testCollectContext();
    const server = fakeAws(
      origin('bedrock'),
      {
        ListProvisionedModelThroughputs: () => jsonReply({ provisionedModelSummaries: [pt('free'), pt('committed', { commitmentDuration: 'OneMonth', commitmentExpirationTime: '2999-01-01T00:00:00Z' })] }, REST),
        DeleteProvisionedModelThroughput: () => jsonReply({}, REST),
        GetProvisionedModelThroughput: () => jsonError('ResourceNotFoundException', 'gone', 404, REST),
      },
      { route },
    );
    const [free, committed] = await bedrockProvisionedThroughput.list(t.ctx);
    expect(free).toMatchObject({ name: 'free', createdAt: '2025-01-01T00:00:00.000Z', props: { status: 'InService', modelUnits: 1 } });
    expect(bedrockProvisionedThroughput.protect?.(free)).toBeUndefined();
    expect(bedrockProvisionedThroughput.protect?.(committed)).toMatch(/committed until 2999/);
    await bedrockProvisionedThroughput.remove?.(t.ctx, free);
    expect(server.calls('DeleteProvisionedModelThroughput')).toHaveLength(1);
  });
});
