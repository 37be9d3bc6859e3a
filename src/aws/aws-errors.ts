import { operationOf } from './client-factory.js';
import { isNonProtocolAnswer } from './retry-strategy.js';

/** What a failed AWS call looks like once it is data. */
export interface AwsFailure {
  code: string;
  message: string;
  operation?: string;
  status?: number;
}

const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
  'AuthFailure',
]);

export function describeAwsError(error: unknown): AwsFailure {
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? e?.name ?? e?.code ?? 'Error';
  let message = e?.message ?? String(error);
  // Unimplemented emulator operations and proxies answer with HTML; say so instead of a parser dump.
  if (isNonProtocolAnswer(error)) {
    message = `unexpected non-AWS response (HTTP ${e?.$metadata?.httpStatusCode ?? '?'}): the endpoint does not implement this operation`;
  }
  return { code, message: message.split('\n')[0].slice(0, 500), operation: operationOf(error), status: e?.$metadata?.httpStatusCode };
}

/** True when the error means "these credentials do not work at all" rather than "this call was refused". */
export function isCredentialsError(error: unknown): boolean {
  const { code, message } = describeAwsError(error);
  if (CREDENTIAL_CODES.has(code)) return true;
  return /Could not load credentials|Unable to locate credentials|token (has )?expired|SSO session .* (is )?(invalid|expired)|The SSO session associated with this profile/i.test(message);
}
