import { afterEach, describe, expect, it } from 'vitest';
import { sagemakerEndpoint } from '../../../src/resources/sagemaker-endpoint.js';
import { sagemakerEndpointConfig } from '../../../src/resources/sagemaker-endpoint-config.js';
import { sagemakerModel } from '../../../src/resources/sagemaker-model.js';
import { sagemakerNotebookInstance } from '../../../src/resources/sagemaker-notebook-instance.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, type FakeReply, type FakeRequest, fastPolls } from './fake-aws.js';

const ORIGIN = 'https://api.sagemaker.us-east-1.amazonaws.com';
const THROTTLE = jsonError('ThrottlingException', 'Rate exceeded');
const denied = (op: string) => jsonError('AccessDeniedException', `not authorized to perform: sagemaker:${op}`, 400);
const arn = (kind: string, name: string) => `arn:aws:sagemaker:us-east-1:111111111111:${kind}/${name}`;
const notFound = () => jsonError('ValidationException', 'Could not find notebook instance');

const notebooks = (names: string[], next?: string, status = 'InService'): FakeReply =>
  jsonReply({
    NotebookInstances: names.map((n) => ({ NotebookInstanceName: n, NotebookInstanceArn: arn('notebook-instance', n), NotebookInstanceStatus: status, InstanceType: 'ml.t3.medium', CreationTime: 1735689600, LastModifiedTime: 1735776000 })),
    ...(next ? { NextToken: next } : {}),
  });
const endpoints = (names: string[], next?: string): FakeReply =>
  jsonReply({ Endpoints: names.map((n) => ({ EndpointName: n, EndpointArn: arn('endpoint', n), EndpointStatus: 'InService', CreationTime: 1735689600 })), ...(next ? { NextToken: next } : {}) });
const describeEndpoint = (req: FakeRequest) =>
  jsonReply({ EndpointName: req.json?.EndpointName, EndpointConfigName: `${String(req.json?.EndpointName)}-config`, EndpointStatus: 'InService', ProductionVariants: [{ VariantName: 'a', CurrentInstanceCount: 2 }] });
const describeConfig = (req: FakeRequest) =>
  jsonReply({ EndpointConfigName: req.json?.EndpointConfigName, ProductionVariants: [{ VariantName: 'a', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }] });

let t: TestCollectContext;
fastPolls();
afterEach(() => t?.dispose());

describe('sagemaker:notebook-instance', () => {
  it('maps a running notebook without asking for its tags (nuke reads them)', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, { ListNotebookInstances: () => notebooks(['lab-nb']), ListTags: () => jsonReply({ Tags: [{ Key: 'owner', Value: 'me' }] }) });
    const [nb] = await sagemakerNotebookInstance.list(t.ctx);
    expect(nb).toEqual({
      type: 'sagemaker:notebook-instance',
      id: 'lab-nb',
      arn: arn('notebook-instance', 'lab-nb'),
      name: 'lab-nb',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tags: {},
      props: { status: 'InService', instanceType: 'ml.t3.medium', lastModifiedAt: '2025-01-02T00:00:00.000Z' },
    });
    expect(server.calls('ListTags')).toHaveLength(0);
    expect(await sagemakerNotebookInstance.readTags?.(t.ctx, [nb])).toEqual(new Map([['lab-nb', { owner: 'me' }]]));
  });

  it('stops an InService notebook, waits for Stopped, deletes it and waits until it is gone', async () => {
    t = testCollectContext();
    const status = (s: string) => () => jsonReply({ NotebookInstanceName: 'lab-nb', NotebookInstanceStatus: s });
    const server = fakeAws(ORIGIN, {
      DescribeNotebookInstance: [status('InService'), status('Stopping'), status('Stopped'), status('Deleting'), notFound],
      StopNotebookInstance: () => jsonReply({}),
      DeleteNotebookInstance: () => jsonReply({}),
    });
    await sagemakerNotebookInstance.remove?.(t.ctx, { type: 'sagemaker:notebook-instance', id: 'lab-nb', accountId: '1', region: 'us-east-1', tags: {}, props: {} });
    expect(server.requests.map((r) => r.op)).toEqual([
      'DescribeNotebookInstance',
      'StopNotebookInstance',
      'DescribeNotebookInstance',
      'DescribeNotebookInstance',
      'DeleteNotebookInstance',
      'DescribeNotebookInstance',
      'DescribeNotebookInstance',
    ]);
  });

  it('does nothing when the notebook is already gone', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, { DescribeNotebookInstance: notFound });
    await sagemakerNotebookInstance.remove?.(t.ctx, { type: 'sagemaker:notebook-instance', id: 'gone', accountId: '1', region: 'us-east-1', tags: {}, props: {} });
    expect(server.requests.map((r) => r.op)).toEqual(['DescribeNotebookInstance']);
  });

  pagedCollectorCases({
    type: sagemakerNotebookInstance,
    origin: ORIGIN,
    service: 'sagemaker',
    op: 'ListNotebookInstances',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: (ids, next) => notebooks(ids, next),
    throttle: THROTTLE,
    denied: denied('ListNotebookInstances'),
    deniedCode: 'AccessDeniedException',
  });
});

describe('sagemaker:endpoint', () => {
  it('counts running instances and takes the instance type from the endpoint config', async () => {
    t = testCollectContext();
    fakeAws(ORIGIN, { ListEndpoints: () => endpoints(['chat']), DescribeEndpoint: describeEndpoint, DescribeEndpointConfig: describeConfig });
    const [e] = await sagemakerEndpoint.list(t.ctx);
    expect(e).toMatchObject({ id: 'chat', arn: arn('endpoint', 'chat'), createdAt: '2025-01-01T00:00:00.000Z', tags: {} });
    expect(e.props).toEqual({ status: 'InService', endpointConfigName: 'chat-config', instanceType: 'ml.m5.large', instanceCount: 2, serverless: false });
  });

  it('marks a serverless endpoint, which has no idle instances', async () => {
    t = testCollectContext();
    fakeAws(ORIGIN, {
      ListEndpoints: () => endpoints(['sls']),
      DescribeEndpoint: () => jsonReply({ EndpointName: 'sls', EndpointConfigName: 'sls-config', ProductionVariants: [{ VariantName: 'a', CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }] }),
      DescribeEndpointConfig: () => jsonReply({ EndpointConfigName: 'sls-config', ProductionVariants: [{ VariantName: 'a', ModelName: 'm', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }] }),
    });
    const [e] = await sagemakerEndpoint.list(t.ctx);
    expect(e.props).toMatchObject({ serverless: true, instanceCount: 0, instanceType: undefined });
  });

  it('deletes and waits until the endpoint is gone', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, {
      DeleteEndpoint: () => jsonReply({}),
      DescribeEndpoint: [() => jsonReply({ EndpointName: 'chat', EndpointStatus: 'Deleting' }), () => jsonError('ValidationException', 'Could not find endpoint "chat".')],
    });
    await sagemakerEndpoint.remove?.(t.ctx, { type: 'sagemaker:endpoint', id: 'chat', accountId: '1', region: 'us-east-1', tags: {}, props: {} });
    expect(server.calls('DeleteEndpoint')[0].json).toEqual({ EndpointName: 'chat' });
    expect(server.calls('DescribeEndpoint')).toHaveLength(2);
  });

  pagedCollectorCases({
    type: sagemakerEndpoint,
    origin: ORIGIN,
    service: 'sagemaker',
    op: 'ListEndpoints',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: endpoints,
    throttle: THROTTLE,
    denied: denied('ListEndpoints'),
    deniedCode: 'AccessDeniedException',
    extra: { DescribeEndpoint: describeEndpoint, DescribeEndpointConfig: describeConfig },
  });
});

describe('sagemaker:endpoint-config and sagemaker:model', () => {
  it('go after the endpoints that use them, configs before models', () => {
    expect(sagemakerEndpointConfig.dependsOn).toContain('sagemaker:endpoint');
    expect(sagemakerModel.dependsOn).toEqual(expect.arrayContaining(['sagemaker:endpoint', 'sagemaker:endpoint-config']));
    expect(sagemakerEndpoint.properties.endpointConfigName).toMatchObject({ ref: { to: 'sagemaker:endpoint-config', byName: true } });
  });

  it('delete by name', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGIN, { DeleteEndpointConfig: () => jsonReply({}), DeleteModel: () => jsonReply({}) });
    const base = { accountId: '1', region: 'us-east-1', tags: {}, props: {} };
    await sagemakerEndpointConfig.remove?.(t.ctx, { ...base, type: 'sagemaker:endpoint-config', id: 'chat-config' });
    await sagemakerModel.remove?.(t.ctx, { ...base, type: 'sagemaker:model', id: 'm' });
    expect(server.calls('DeleteEndpointConfig')[0].json).toEqual({ EndpointConfigName: 'chat-config' });
    expect(server.calls('DeleteModel')[0].json).toEqual({ ModelName: 'm' });
  });

  pagedCollectorCases({
    type: sagemakerEndpointConfig,
    origin: ORIGIN,
    service: 'sagemaker',
    op: 'ListEndpointConfigs',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: (ids, next) => jsonReply({ EndpointConfigs: ids.map((n) => ({ EndpointConfigName: n, EndpointConfigArn: arn('endpoint-config', n), CreationTime: 1735689600 })), ...(next ? { NextToken: next } : {}) }),
    throttle: THROTTLE,
    denied: denied('ListEndpointConfigs'),
    deniedCode: 'AccessDeniedException',
  });

  pagedCollectorCases({
    type: sagemakerModel,
    origin: ORIGIN,
    service: 'sagemaker',
    op: 'ListModels',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: (ids, next) => jsonReply({ Models: ids.map((n) => ({ ModelName: n, ModelArn: arn('model', n), CreationTime: 1735689600 })), ...(next ? { NextToken: next } : {}) }),
    throttle: THROTTLE,
    denied: denied('ListModels'),
    deniedCode: 'AccessDeniedException',
  });
});
