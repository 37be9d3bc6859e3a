// AWS Price List Query API: GetProducts, every page. The endpoint is in us-east-1; the SDK's
// service-specific endpoint variable AWS_ENDPOINT_URL_PRICING (or AWS_ENDPOINT_URL) points it elsewhere.
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';

export { PricingClient };

export const PRICING_REGION = 'us-east-1';

export function pricingClient(options: { maxAttempts?: number; profile?: string } = {}): PricingClient {
  return new PricingClient({
    region: PRICING_REGION,
    maxAttempts: options.maxAttempts ?? 3,
    // An unreachable endpoint must not hold the audit: fail fast and fall back to the tables.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 20_000 },
    ...(options.profile ? { profile: options.profile } : {}),
  });
}

/** Every PriceList string for a service and TERM_MATCH filters, following NextToken; `onCall` counts calls. */
export async function getAllProducts(client: PricingClient, serviceCode: string, filters: Record<string, string>, onCall: () => void = () => undefined): Promise<string[]> {
  const items: string[] = [];
  let nextToken: string | undefined;
  do {
    onCall();
    const page = await client.send(
      new GetProductsCommand({
        ServiceCode: serviceCode,
        FormatVersion: 'aws_v1',
        MaxResults: 100,
        Filters: Object.entries(filters).map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    items.push(...(page.PriceList ?? []));
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return items;
}
