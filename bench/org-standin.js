// A stand-in AWS endpoint for an Organization of many accounts, for bench/multi-account.js (issue 16,
// item 4). moto cannot hold 1,000 accounts × 4 regions (about 20 MB per account and region), so this
// small node:http server on 127.0.0.1 answers, in the protocols the SDK speaks:
//
// - Organizations (JSON 1.1): ListRoots, ListOrganizationalUnitsForParent, ListAccountsForParent,
//   ListAccounts, DescribeOrganization, DescribeOrganizationalUnit, ListParents; account lists paged
//   with NextToken, at most 20 a page as AWS does.
// - STS (query, XML): AssumeRole (the access key names the account: ASIA<12 digits>…) and
//   GetCallerIdentity.
// - EC2 (EC2 query, XML): DescribeRegions, DescribeAddresses, DescribeVolumes, DescribeInstances,
//   DescribeNatGateways, DescribeSnapshots with generated data, deterministic per account and region;
//   other EC2 Describe* calls answer empty sets.
// - IAM (query): GetAccountSummary, GenerateCredentialReport / GetCredentialReport (the root row),
//   GetAccountPasswordPolicy (NoSuchEntity, as for an account without one), other calls empty results.
// - Everything else: an empty result in the service's protocol (JSON `{}`, query `<XResult/>`,
//   route53/S3 REST-XML lists).
//
// Every answer waits `latencyMs` first (a round trip to AWS). `calls` counts answers by
// "service:Operation". The service and region are read from the SigV4 credential scope.
import { createServer } from 'node:http';

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
export const MANAGEMENT_ACCOUNT = '100000000000';
export const ORG_PAGE = 20;
const ROOT_ID = 'r-bench';
const OUS = ['ou-bench-workloads', 'ou-bench-sandbox', 'ou-bench-lab'];

/** The account ids of an Organization of `n` accounts: the management account first. */
export function accountIds(n) {
  return Array.from({ length: n }, (_, i) => String(100000000000 + i));
}

/** Where an account sits: the management account under the root, the others spread over three OUs. */
function parentOf(index) {
  return index === 0 ? ROOT_ID : OUS[index % OUS.length];
}

/** A small deterministic PRNG (mulberry32) seeded per account and region. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const hex = (r, n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const iso = (r, maxDays) => new Date(Date.UTC(2026, 10, 30) - Math.floor(r() * maxDays * 86400000)).toISOString();
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** What one account holds in one region: a lab that was used and half cleaned up. */
export function inventoryOf(account, region) {
  const r = rng(hash(`${account}/${region}`));
  const az = `${region}a`;
  const instances = Array.from({ length: Math.floor(r() * 4) }, () => ({
    id: `i-${hex(r, 17)}`,
    type: ['t3.micro', 't3.small', 'm5.large', 't2.micro'][Math.floor(r() * 4)],
    state: r() < 0.6 ? 'running' : 'stopped',
    launched: iso(r, 400),
  }));
  const volumes = Array.from({ length: 2 + Math.floor(r() * 6) }, (_, i) => ({
    id: `vol-${hex(r, 17)}`,
    size: 1 + Math.floor(r() * 100),
    type: r() < 0.5 ? 'gp3' : 'gp2',
    created: iso(r, 500),
    attachedTo: instances[i]?.id,
  }));
  const addresses = Array.from({ length: Math.floor(r() * 3) }, (_, i) => ({
    allocationId: `eipalloc-${hex(r, 17)}`,
    ip: `3.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
    instance: i === 0 && instances[0] && r() < 0.5 ? instances[0].id : undefined,
  }));
  const natGateways = r() < 0.15 ? [{ id: `nat-${hex(r, 17)}`, created: iso(r, 200), subnet: `subnet-${hex(r, 8)}`, vpc: `vpc-${hex(r, 8)}` }] : [];
  const snapshots = Array.from({ length: Math.floor(r() * 4) }, () => ({ id: `snap-${hex(r, 17)}`, volume: volumes[0].id, size: volumes[0].size, created: iso(r, 700) }));
  return { az, instances, volumes, addresses, natGateways, snapshots };
}

const tagSet = (tags) =>
  `<tagSet>${Object.entries(tags).map(([k, v]) => `<item><key>${esc(k)}</key><value>${esc(v)}</value></item>`).join('')}</tagSet>`;

function ec2Body(op, account, region, regions) {
  const inv = inventoryOf(account, region);
  const tags = { Name: `lab-${account.slice(-4)}`, owner: `team-${account.slice(-1)}` };
  switch (op) {
    case 'DescribeRegions':
      return `<regionInfo>${regions.map((r) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`).join('')}</regionInfo>`;
    case 'DescribeVolumes':
      return `<volumeSet>${inv.volumes.map((v) => `<item><volumeId>${v.id}</volumeId><size>${v.size}</size><availabilityZone>${inv.az}</availabilityZone><status>${v.attachedTo ? 'in-use' : 'available'}</status><createTime>${v.created}</createTime><volumeType>${v.type}</volumeType><encrypted>false</encrypted><multiAttachEnabled>false</multiAttachEnabled>${v.type === 'gp3' ? '<iops>3000</iops><throughput>125</throughput>' : `<iops>${Math.max(100, v.size * 3)}</iops>`}<attachmentSet>${v.attachedTo ? `<item><volumeId>${v.id}</volumeId><instanceId>${v.attachedTo}</instanceId><device>/dev/xvda</device><status>attached</status><attachTime>${v.created}</attachTime><deleteOnTermination>true</deleteOnTermination></item>` : ''}</attachmentSet>${tagSet(tags)}</item>`).join('')}</volumeSet>`;
    case 'DescribeAddresses':
      return `<addressesSet>${inv.addresses.map((a) => `<item><publicIp>${a.ip}</publicIp><allocationId>${a.allocationId}</allocationId><domain>vpc</domain>${a.instance ? `<instanceId>${a.instance}</instanceId><associationId>eipassoc-${a.allocationId.slice(9)}</associationId>` : ''}<networkBorderGroup>${region}</networkBorderGroup>${tagSet(tags)}</item>`).join('')}</addressesSet>`;
    case 'DescribeInstances':
      return `<reservationSet>${inv.instances.length ? `<item><reservationId>r-${account.slice(-8)}</reservationId><ownerId>${account}</ownerId><instancesSet>${inv.instances.map((i) => `<item><instanceId>${i.id}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>${i.state === 'running' ? 16 : 80}</code><name>${i.state}</name></instanceState><instanceType>${i.type}</instanceType><launchTime>${i.launched}</launchTime><placement><availabilityZone>${inv.az}</availabilityZone><tenancy>default</tenancy></placement><monitoring><state>disabled</state></monitoring><architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><platformDetails>Linux/UNIX</platformDetails>${i.state === 'stopped' ? `<stateTransitionReason>User initiated (${i.launched.slice(0, 19).replace('T', ' ')} GMT)</stateTransitionReason>` : ''}${tagSet(tags)}</item>`).join('')}</instancesSet></item>` : ''}</reservationSet>`;
    case 'DescribeNatGateways':
      return `<natGatewaySet>${inv.natGateways.map((n) => `<item><natGatewayId>${n.id}</natGatewayId><subnetId>${n.subnet}</subnetId><vpcId>${n.vpc}</vpcId><state>available</state><createTime>${n.created}</createTime><connectivityType>public</connectivityType>${tagSet(tags)}</item>`).join('')}</natGatewaySet>`;
    case 'DescribeSnapshots':
      return `<snapshotSet>${inv.snapshots.map((s) => `<item><snapshotId>${s.id}</snapshotId><volumeId>${s.volume}</volumeId><status>completed</status><startTime>${s.created}</startTime><progress>100%</progress><ownerId>${account}</ownerId><volumeSize>${s.size}</volumeSize><storageTier>standard</storageTier>${tagSet(tags)}</item>`).join('')}</snapshotSet>`;
    default:
      return '';
  }
}

const CREDENTIAL_REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

function credentialReport(account) {
  const root = `<root_account>,arn:aws:iam::${account}:root,2024-01-01T00:00:00+00:00,not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,${Number(account) % 7 === 0 ? 'false' : 'true'},false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
  return Buffer.from(`${CREDENTIAL_REPORT_HEADER}\n${root}\n`).toString('base64');
}

/** The Result element's body of an IAM call, or an error. */
function iamAnswer(op, account) {
  switch (op) {
    case 'GetAccountSummary':
      return { result: `<SummaryMap>${[['AccountMFAEnabled', Number(account) % 7 === 0 ? 0 : 1], ['Users', 0], ['Roles', 3], ['Policies', 0], ['AccountAccessKeysPresent', 0]].map(([k, v]) => `<entry><key>${k}</key><value>${v}</value></entry>`).join('')}</SummaryMap>` };
    case 'GenerateCredentialReport':
      return { result: '<State>COMPLETE</State>' };
    case 'GetCredentialReport':
      return { result: `<Content>${credentialReport(account)}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-30T00:00:00Z</GeneratedTime>` };
    case 'GetAccountPasswordPolicy':
      return { error: { status: 404, code: 'NoSuchEntity', message: `The Password Policy with domain name ${account} cannot be found.` } };
    case 'GetAccountAuthorizationDetails':
      return { result: '<UserDetailList/><GroupDetailList/><RoleDetailList/><Policies/><IsTruncated>false</IsTruncated>' };
    default:
      return { result: '' };
  }
}

function orgAnswer(op, input, ids) {
  const page = (items, token, max) => {
    const start = Number(token ?? 0);
    const size = Math.min(Number(max ?? ORG_PAGE) || ORG_PAGE, ORG_PAGE);
    const slice = items.slice(start, start + size);
    return { slice, next: start + size < items.length ? String(start + size) : undefined };
  };
  const account = (id, i) => ({
    Id: id,
    Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:account/o-bench/${id}`,
    Email: `lab-${i}@example.com`,
    Name: i === 0 ? 'management' : `lab-${i}`,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: i === 0 ? 'INVITED' : 'CREATED',
    JoinedTimestamp: 1735689600,
  });
  switch (op) {
    case 'DescribeOrganization':
      return { Organization: { Id: 'o-bench', MasterAccountId: MANAGEMENT_ACCOUNT, FeatureSet: 'ALL' } };
    case 'ListRoots':
      return { Roots: [{ Id: ROOT_ID, Name: 'Root', Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:root/o-bench/${ROOT_ID}` }] };
    case 'ListOrganizationalUnitsForParent':
      return { OrganizationalUnits: input.ParentId === ROOT_ID ? OUS.map((Id) => ({ Id, Name: Id.slice(8) })) : [] };
    case 'DescribeOrganizationalUnit':
      return { OrganizationalUnit: { Id: input.OrganizationalUnitId, Name: String(input.OrganizationalUnitId).slice(8) } };
    case 'ListParents':
      return { Parents: [{ Id: ROOT_ID, Type: 'ROOT' }] };
    case 'ListAccounts':
    case 'ListAccountsForParent': {
      const all = ids.map((id, i) => [id, i]).filter(([, i]) => op === 'ListAccounts' || parentOf(i) === input.ParentId);
      const { slice, next } = page(all, input.NextToken, input.MaxResults);
      return { Accounts: slice.map(([id, i]) => account(id, i)), ...(next ? { NextToken: next } : {}) };
    }
    default:
      return {};
  }
}

/** "Credential=AKID/20261201/us-east-1/ec2/aws4_request" → { key, region, service }. */
function scopeOf(req) {
  const m = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  return m ? { key: m[1], region: m[2], service: m[3] } : { key: '', region: 'us-east-1', service: 'unknown' };
}

/** The account a key acts in: ASIA<12 digits>… from AssumeRole, anything else the management account. */
const accountOfKey = (key) => (/^ASIA(\d{12})/.exec(key)?.[1] ?? MANAGEMENT_ACCOUNT);

/**
 * Start the stand-in. `accounts`: size of the Organization; `regions`: what DescribeRegions lists;
 * `latencyMs`: added to every answer.
 */
export async function startOrgStandIn({ accounts = 1000, regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-west-2'], latencyMs = 50 } = {}) {
  const ids = accountIds(accounts);
  const known = new Set(ids);
  const calls = new Map();
  let inFlight = 0;
  let peakInFlight = 0;
  const count = (name) => calls.set(name, (calls.get(name) ?? 0) + 1);

  const server = createServer((req, res) => {
    const chunks = [];
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        inFlight--;
        try {
          answer(req, res, Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        }
      }, latencyMs);
    });
  });

  const send = (res, status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': 'bench-0000', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const queryXml = (res, op, inner) =>
    send(res, 200, 'text/xml', `<${op}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${op}Result>${inner}</${op}Result><ResponseMetadata><RequestId>bench-0000</RequestId></ResponseMetadata></${op}Response>`);
  const queryError = (res, status, code, message) =>
    send(res, status, 'text/xml', `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>bench-0000</RequestId></ErrorResponse>`);

  function answer(req, res, body) {
    const { key, region, service } = scopeOf(req);
    const account = accountOfKey(key);
    const target = req.headers['x-amz-target'];
    if (target) {
      // JSON 1.0 / 1.1 protocol: "AWSOrganizationsV20161128.ListAccounts"
      const op = String(target).split('.').pop();
      count(`${service}:${op}`);
      const input = body ? JSON.parse(body) : {};
      const out = service === 'organizations' ? orgAnswer(op, input, ids) : {};
      return send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(out));
    }
    const form = new URLSearchParams(body);
    const op = form.get('Action');
    if (op) {
      count(`${service}:${op}`);
      if (service === 'sts' && op === 'AssumeRole') {
        const target = /^arn:aws:iam::(\d{12}):role\//.exec(form.get('RoleArn') ?? '')?.[1];
        if (!target || !known.has(target)) return queryError(res, 403, 'AccessDenied', `not authorized to perform: sts:AssumeRole on ${form.get('RoleArn')}`);
        const expires = new Date(Date.now() + 3600_000).toISOString();
        return queryXml(res, op, `<Credentials><AccessKeyId>ASIA${target}BENCH</AccessKeyId><SecretAccessKey>bench-secret</SecretAccessKey><SessionToken>bench-token-${target}</SessionToken><Expiration>${expires}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROABENCH:${form.get('RoleSessionName')}</AssumedRoleId><Arn>arn:aws:sts::${target}:assumed-role/OrganizationAccountAccessRole/${form.get('RoleSessionName')}</Arn></AssumedRoleUser>`);
      }
      if (service === 'sts' && op === 'GetCallerIdentity') {
        const arn = account === MANAGEMENT_ACCOUNT ? `arn:aws:iam::${account}:user/bench` : `arn:aws:sts::${account}:assumed-role/OrganizationAccountAccessRole/costguard`;
        return queryXml(res, op, `<Arn>${arn}</Arn><UserId>AIDABENCH</UserId><Account>${account}</Account>`);
      }
      if (service === 'ec2') {
        return send(res, 200, 'text/xml', `<${op}Response xmlns="${EC2_NS}"><requestId>bench-0000</requestId>${ec2Body(op, account, region, regions)}</${op}Response>`);
      }
      if (service === 'iam') {
        const a = iamAnswer(op, account);
        return a.error ? queryError(res, a.error.status, a.error.code, a.error.message) : queryXml(res, op, a.result);
      }
      if (op.startsWith('List') || op.startsWith('Describe') || op.startsWith('Get')) return queryXml(res, op, '');
      return queryError(res, 403, 'AccessDenied', `not authorized to perform: ${service}:${op}`);
    }
    // REST protocols: name the call by method and path.
    const path = (req.url ?? '/').split('?')[0];
    count(`${service}:${req.method} ${path.replace(/\/[^/]*\d[^/]*$/, '/{id}')}`);
    if (service === 'route53') {
      return send(res, 200, 'text/xml', '<ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZones/><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>');
    }
    if (service === 's3') {
      return send(res, 200, 'application/xml', `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>${account}</ID></Owner><Buckets/></ListAllMyBucketsResult>`);
    }
    if (service === 'cloudfront') {
      return send(res, 200, 'text/xml', '<DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>0</Quantity></DistributionList>');
    }
    return send(res, 200, 'application/json', '{}');
  }

  // AWS keeps idle connections open for a minute or so; node's default of 5 s closes pooled sockets
  // under the client, whose next call on them fails with ECONNRESET and is retried.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    calls,
    get totalCalls() {
      let n = 0;
      for (const v of calls.values()) n += v;
      return n;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
