import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate.js';
import { tablePriceBook } from '../../../src/core/price-book.js';
import { loadShippedPriceTable, splitPriceKey } from '../../../src/core/price-table.js';
import { loadBuiltinPacks } from '../../../src/core/policy/load.js';
import { ACCOUNT, NOW, inventory, resource } from '../core/fixtures.js';

const packs = loadBuiltinPacks();
const table = loadShippedPriceTable();
const book = tablePriceBook([table]);

function seoulLab(region: string) {
  return inventory(
    [
      resource({ type: 'ec2:nat-gateway', id: 'nat-1', region, props: { state: 'available', vpcId: 'vpc-1' } }),
      resource({ type: 'ec2:instance', id: 'i-1', region, props: { state: 'running', instanceType: 't3.large', freeTierEligible: false } }),
      resource({ type: 'ec2:volume', id: 'vol-1', region, props: { state: 'available', volumeType: 'gp3', sizeGiB: 100, iops: 3000, throughput: 125 } }),
    ],
    { targets: [{ accountId: ACCOUNT, source: 'test', regions: [region] }] },
  );
}

function costs(region: string) {
  const { findings } = evaluate({ inventory: seoulLab(region), packs, now: NOW, priceBook: book, only: ['vpc-nat-gateway', 'ec2-instance-not-free-tier', 'ebs-volume-unattached'] });
  return Object.fromEntries(findings.map((f) => [f.ruleId, f]));
}

describe('shipped price table', () => {
  it('has every price key the built-in packs declare, each with a us-east-1 (or every-region) price and a source', () => {
    for (const pack of packs) {
      for (const [key, value] of Object.entries(pack.prices)) {
        const members = typeof value === 'object' && value !== null ? Object.keys(value).map((m) => `${key}.${m}`) : [key];
        for (const member of members) {
          expect(splitPriceKey(table, member), member).toBeDefined();
          const price = book.price(member, 'us-east-1');
          expect(price.usd, member).not.toBeNull();
        }
      }
    }
    for (const spec of Object.values(table.keys)) for (const entry of Object.values(spec.regions)) expect(entry.source.length).toBeGreaterThan(3);
  });

  it('prices a NAT gateway, a t3.large and an idle 100 GB gp3 volume in ap-northeast-2 at Seoul prices', () => {
    const found = costs('ap-northeast-2');
    expect(found['vpc-nat-gateway']).toMatchObject({ monthlyCostUsd: 43.07, priceSource: 'table', priceRegion: 'ap-northeast-2' });
    expect(found['ec2-instance-not-free-tier']).toMatchObject({ monthlyCostUsd: 75.92, priceSource: 'table', priceRegion: 'ap-northeast-2' });
    expect(found['ebs-volume-unattached']).toMatchObject({ monthlyCostUsd: 9.12, priceSource: 'table', priceRegion: 'ap-northeast-2' });
  });

  it('keeps us-east-1 prices in us-east-1', () => {
    const found = costs('us-east-1');
    expect(found['vpc-nat-gateway']).toMatchObject({ monthlyCostUsd: 32.85, priceRegion: 'us-east-1' });
    expect(found['ec2-instance-not-free-tier']).toMatchObject({ monthlyCostUsd: 60.74, priceRegion: 'us-east-1' });
  });

  it('says "unknown" with the reason where the table has no price for the region — never $0, never the us-east-1 price', () => {
    const found = costs('eu-west-1');
    const nat = found['vpc-nat-gateway'];
    expect(nat.monthlyCostUsd).toBeNull();
    expect(nat.priceSource).toBeUndefined();
    expect(nat.message).toContain('Monthly cost unknown: no list price for natGatewayMonthly in eu-west-1');
    expect(found['ec2-instance-not-free-tier'].monthlyCostUsd).toBeNull();
  });

  it('uses a price AWS charges the same everywhere in any region, and says so', () => {
    expect(book.price('publicIpv4Monthly', 'eu-central-1')).toEqual({ usd: 3.65, source: 'table', region: '*' });
  });

  it('uses a user pack\'s own flat price only for keys no table knows', () => {
    expect(book.price('myPrice', 'eu-west-1')).toMatchObject({ usd: null, notInTable: true });
  });
});
