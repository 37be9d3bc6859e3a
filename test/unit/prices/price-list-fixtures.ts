// Real-format GetProducts items: each PriceList element is a JSON *string* holding one product with its
// terms nested (the GetProducts shape, not the bulk offer-file shape). Attribute sets follow the real
// AWS examples in long-tail-services.md §2.4 (OC1, OC2), including the decoys that share attributes.
let skuCounter = 0;

export function priceItem(service: string, family: string, attributes: Record<string, string>, usd: string, unit: string): string {
  const sku = `SKU${String(++skuCounter).padStart(12, '0')}`;
  const term = `${sku}.JRTCKXETXF`;
  return JSON.stringify({
    product: { productFamily: family, attributes: { servicecode: service, locationType: 'AWS Region', ...attributes }, sku },
    serviceCode: service,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions: {
            [`${term}.6YS6EN2CT7`]: { unit, endRange: 'Inf', description: `$${usd} per ${unit}`, appliesTo: [], rateCode: `${term}.6YS6EN2CT7`, beginRange: '0', pricePerUnit: { USD: usd } },
          },
          sku,
          effectiveDate: '2026-08-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20260801000000',
    publicationDate: '2026-08-01T00:00:00Z',
  });
}

const PREFIX: Record<string, string> = { 'us-east-1': '', 'ap-northeast-2': 'APN2-', 'eu-west-1': 'EU-' };

function ec2Instance(region: string, type: string, usd: string, overrides: Record<string, string>): string {
  return priceItem(
    'AmazonEC2',
    'Compute Instance',
    {
      regionCode: region,
      location: 'Asia Pacific (Seoul)',
      instanceType: type,
      tenancy: 'Shared',
      operatingSystem: 'Linux',
      licenseModel: 'No License required',
      usagetype: `${PREFIX[region]}BoxUsage:${type}`,
      operation: 'RunInstances',
      capacitystatus: 'Used',
      marketoption: 'OnDemand',
      preInstalledSw: 'NA',
      ...overrides,
    },
    usd,
    'Hrs',
  );
}

/** The Linux Shared On-Demand price plus Windows, Dedicated, SQL, capacity-reservation and $0 capacity-block decoys. */
export function ec2InstanceAnswer(region: string, type: string, linuxUsd: string): string[] {
  const p = PREFIX[region];
  return [
    ec2Instance(region, type, '0.1320000000', { operatingSystem: 'Windows', operation: 'RunInstances:0002' }),
    ec2Instance(region, type, '0.0000000000', { operation: 'RunInstances:CB', marketoption: 'CapacityBlock' }),
    ec2Instance(region, type, '0.1144000000', { tenancy: 'Dedicated', usagetype: `${p}DedicatedUsage:${type}` }),
    ec2Instance(region, type, '0.1540000000', { preInstalledSw: 'SQL Web', operation: 'RunInstances:0200' }),
    ec2Instance(region, type, linuxUsd, { capacitystatus: 'UnusedCapacityReservation', usagetype: `${p}UnusedBox:${type}` }),
    ec2Instance(region, type, linuxUsd, { capacitystatus: 'AllocatedCapacityReservation', usagetype: `${p}ReservedHostUsage:${type}` }),
    ec2Instance(region, type, linuxUsd, {}),
  ];
}

/** NAT gateway hours next to NAT gateway bytes. */
export function natAnswer(region: string, hourUsd: string): string[] {
  const p = PREFIX[region];
  return [
    priceItem('AmazonEC2', 'NAT Gateway', { regionCode: region, usagetype: `${p}NatGateway-Bytes`, operation: 'NatGateway', group: 'NGW:NatGateway' }, hourUsd, 'GB'),
    priceItem('AmazonEC2', 'NAT Gateway', { regionCode: region, usagetype: `${p}NatGateway-Hours`, operation: 'NatGateway', group: 'NGW:NatGateway', groupDescription: 'Hourly charge for NAT Gateways' }, hourUsd, 'Hrs'),
  ];
}

/** gp3 storage next to gp3 IOPS and throughput, and gp2 storage. */
export function ebsAnswer(region: string, gp3GbMonth: string): string[] {
  const p = PREFIX[region];
  return [
    priceItem('AmazonEC2', 'System Operation', { regionCode: region, volumeApiName: 'gp3', usagetype: `${p}EBS:VolumeP-IOPS.gp3`, group: 'EBS IOPS' }, '0.0057000000', 'IOPS-Mo'),
    priceItem('AmazonEC2', 'Provisioned Throughput', { regionCode: region, volumeApiName: 'gp3', usagetype: `${p}EBS:VolumeP-Throughput.gp3` }, '0.0456000000', 'GiBps-mo'),
    priceItem('AmazonEC2', 'Storage', { regionCode: region, volumeApiName: 'gp2', volumeType: 'General Purpose', usagetype: `${p}EBS:VolumeUsage.gp2` }, '0.1140000000', 'GB-Mo'),
    priceItem('AmazonEC2', 'Storage', { regionCode: region, volumeApiName: 'gp3', volumeType: 'General Purpose', storageMedia: 'SSD-backed', usagetype: `${p}EBS:VolumeUsage.gp3` }, gp3GbMonth, 'GB-Mo'),
  ];
}

export function publicIpv4Answer(region: string): string[] {
  return [
    priceItem('AmazonVPC', 'VPC Public IPv4 Address', { regionCode: region, usagetype: `${region === 'us-east-1' ? 'USE1' : 'APN2'}-PublicIPv4:IdleAddress` }, '0.0050000000', 'Hrs'),
    priceItem('AmazonVPC', 'VPC Public IPv4 Address', { regionCode: region, usagetype: `${region === 'us-east-1' ? 'USE1' : 'APN2'}-PublicIPv4:InUseAddress` }, '0.0050000000', 'Hrs'),
  ];
}

/** ALB hours next to ALB LCUs and a trap SKU with another prefix-like usage type. */
export function albAnswer(region: string, hourUsd: string): string[] {
  const p = PREFIX[region];
  return [
    priceItem('AWSELB', 'Load Balancer-Application', { regionCode: region, usagetype: `${p}LCUUsage`, operation: 'LoadBalancing:Application' }, '0.0080000000', 'LCU-Hrs'),
    priceItem('AWSELB', 'Load Balancer-Application', { regionCode: region, usagetype: `${p}TS-LoadBalancerUsage`, operation: 'LoadBalancing:Application' }, '0.0300000000', 'Hrs'),
    priceItem('AWSELB', 'Load Balancer-Application', { regionCode: region, usagetype: `${p}LoadBalancerUsage`, operation: 'LoadBalancing:Application' }, hourUsd, 'Hrs'),
  ];
}

/** What GetProducts answers for a request: the items of its service whose attributes hold its filters loosely (like AWS, plus decoys). */
export function answerFor(items: string[], request: { ServiceCode?: string }): string[] {
  return items.filter((item) => (JSON.parse(item) as { serviceCode: string }).serviceCode === request.ServiceCode);
}
