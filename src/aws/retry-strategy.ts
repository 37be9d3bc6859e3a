// Which failed attempts the SDK tries again. The SDK's standard strategy does the retrying (throttles
// with their longer backoff, 5xx and connection errors, its retry quota); this one refuses first the
// errors that another attempt cannot change, so they fail at once instead of after 4 backoffs:
// a missing permission, a request the service calls invalid, an operation the endpoint does not
// implement or support. An answer that is not the service's protocol at all (an HTML error page)
// gets one retry, not four: see isNonProtocolAnswer.
import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from '@smithy/types';

/** Error codes that mean "this request will fail the same way every time". */
const FINAL_CODES = new Set([
  // permission
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'OptInRequired',
  // validation
  'ValidationError',
  'ValidationException',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameterException',
  'MissingParameter',
  'InvalidAction',
  'InvalidInput',
  'InvalidRequest',
  'InvalidRequestException',
  // not implemented / not supported
  'NotImplemented',
  'NotImplementedException',
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'OperationNotSupportedException',
  'UnknownOperationException',
]);

interface SdkErrorLike {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** How an SDK parser fails on a body that is not XML or JSON (an HTML page). */
const NOT_THE_PROTOCOL = /Expected closing tag|Unexpected token|not valid JSON|char '<'|XML parse error|Deserialization error|mismatched tag/i;

/**
 * Whether the endpoint answered with something that is not the service's protocol (an HTML error
 * page instead of an AWS error document). AWS answers its own failures in the protocol; an emulator
 * answers an operation it lacks this way (moto: HTTP 500 and an HTML page).
 */
export function isNonProtocolAnswer(error: unknown): boolean {
  const message = (error as SdkErrorLike | undefined)?.message;
  return typeof message === 'string' && NOT_THE_PROTOCOL.test(message);
}

/** Retries allowed for a non-protocol answer: one tells a passing failure from a missing operation. */
export const NON_PROTOCOL_RETRIES = 1;

/**
 * Whether no retry can change this error. A 501 is "not implemented" by definition. A 500 whose
 * body is not the service's protocol is not final: an emulator answers an operation it lacks that
 * way, but also a passing failure of one it has (moto, emptying a versioned bucket while other
 * deletes are in flight). One more attempt tells them apart, so the strategy allows it one retry
 * (NON_PROTOCOL_RETRIES) instead of the standard four.
 */
export function isFinalError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as SdkErrorLike;
  const code = e.Code ?? e.code ?? e.name;
  if (code !== undefined && FINAL_CODES.has(code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status === 501;
}

/** The SDK's standard strategy, except that it refuses at once to retry a final error. */
export class FinalErrorAwareRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly standard: StandardRetryStrategy;

  constructor(maxAttempts: number) {
    this.standard = new StandardRetryStrategy(maxAttempts);
  }

  acquireInitialRetryToken(retryTokenScope: string | undefined): Promise<RetryToken> {
    // Clients built on an older @smithy/middleware-retry call this without a scope.
    return this.standard.acquireInitialRetryToken(retryTokenScope ?? '');
  }

  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    // Throwing here makes the SDK give up and throw the call's own error.
    if (isFinalError(errorInfo.error)) return Promise.reject(new Error('not retryable'));
    if (isNonProtocolAnswer(errorInfo.error) && (token as StandardRetryToken).getRetryCount() >= NON_PROTOCOL_RETRIES) {
      return Promise.reject(new Error('not retryable: the endpoint answered outside the protocol again'));
    }
    return this.standard.refreshRetryTokenForRetry(token as StandardRetryToken, errorInfo);
  }

  recordSuccess(token: RetryToken): void {
    this.standard.recordSuccess(token as StandardRetryToken);
  }
}
