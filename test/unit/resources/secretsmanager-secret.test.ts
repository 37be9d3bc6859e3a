import { afterEach, describe, expect, it } from 'vitest';
import { secretsmanagerSecret } from '../../../src/resources/secretsmanager-secret.js';
import { testCollectContext, type TestCollectContext } from '../../helpers/collect-context.js';
import { pagedCollectorCases } from './collector-cases.js';
import { fakeAws, jsonError, jsonReply, ORIGINS, type FakeReply } from './fake-aws.js';

const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:111111111111:secret:${name}-AbCdEf`;
const page = (secrets: Array<Record<string, unknown>>, next?: string): FakeReply => jsonReply({ SecretList: secrets, ...(next ? { NextToken: next } : {}) });
const secret = (name: string, extra: Record<string, unknown> = {}) => ({ ARN: arnOf(name), Name: name, ...extra });

describe('secretsmanager:secret', () => {
  let t: TestCollectContext;
  afterEach(() => t?.dispose());

  it('maps secrets, including one scheduled for deletion and one owned by a service', async () => {
    t = testCollectContext();
    const server = fakeAws(ORIGINS.secretsmanager, {
      ListSecrets: () =>
        page([
          secret('app/db', {
            Description: 'db password',
            RotationEnabled: true,
            LastRotatedDate: 1735689600,
            LastChangedDate: 1735689600,
            LastAccessedDate: 1738368000,
            CreatedDate: 1704067200,
            Tags: [{ Key: 'team', Value: 'lab' }],
          }),
          secret('old', { CreatedDate: 1704067200, LastChangedDate: 1704067200, DeletedDate: 1740787200 }),
          secret('rds!db-123', { OwningService: 'rds', RotationEnabled: true }),
        ]),
    });
    const [app, old, rds] = await secretsmanagerSecret.list(t.ctx);
    expect(app).toEqual({
      type: 'secretsmanager:secret',
      id: 'app/db',
      arn: arnOf('app/db'),
      name: 'app/db',
      accountId: '111111111111',
      region: 'us-east-1',
      createdAt: '2024-01-01T00:00:00.000Z',
      tags: { team: 'lab' },
      props: {
        lastAccessedDate: '2025-02-01T00:00:00.000Z',
        lastChangedDate: '2025-01-01T00:00:00.000Z',
        owningService: undefined,
        rotationEnabled: true,
        deletedDate: undefined,
      },
    });
    expect(old.props).toMatchObject({ rotationEnabled: false, lastAccessedDate: undefined, deletedDate: '2025-03-01T00:00:00.000Z' });
    expect(rds.props).toMatchObject({ owningService: 'rds', rotationEnabled: true });
    expect(secretsmanagerSecret.protect?.(rds)).toMatch(/rds/);
    expect(server.calls('ListSecrets')[0].json).toMatchObject({ MaxResults: 100, IncludePlannedDeletion: true });
  });

  pagedCollectorCases({
    type: secretsmanagerSecret,
    origin: ORIGINS.secretsmanager,
    service: 'secretsmanager',
    op: 'ListSecrets',
    pageSize: { name: 'MaxResults', max: 100 },
    tokenParam: 'NextToken',
    page: (names, next) => page(names.map((n) => secret(n)), next),
    throttle: jsonError('ThrottlingException', 'Rate exceeded'),
    denied: jsonError('AccessDeniedException', 'User is not authorized to perform: secretsmanager:ListSecrets'),
    deniedCode: 'AccessDeniedException',
  });
});
