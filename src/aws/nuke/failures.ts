// What a failed delete means: gone already (success), worth another pass (a dependency, a throttle,
// "in use", a resource still changing state), or final (access denied, protection turned on...).
import { describeAwsError } from '../aws-errors.js';
import { isThrottle } from '../call-stats.js';

export type FailureKind = 'gone' | 'retryable' | 'permanent';

export interface ClassifiedFailure {
  kind: FailureKind;
  code: string;
  message: string;
}

const RETRYABLE_CODES = new Set([
  'DependencyViolation',
  'DeleteConflict',
  'ResourceInUse',
  'ResourceInUseException',
  'InvalidGroup.InUse',
  'VolumeInUse',
  'InvalidIPAddress.InUse',
  'InvalidNetworkInterface.InUse',
  'InvalidSnapshot.InUse',
  'IncorrectState',
  'IncorrectInstanceState',
  'InvalidState',
  'InvalidStateException',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
  'InvalidDBClusterStateFault',
  'InvalidDBSnapshotState',
  'InvalidDBSnapshotStateFault',
  'InvalidDBClusterSnapshotStateFault',
  'InvalidCacheClusterState',
  'InvalidCacheClusterStateFault',
  'InvalidReplicationGroupState',
  'ResourceContention',
  'ResourceContentionFault',
  'ConcurrentModification',
  'ConcurrentModificationException',
  'OperationInProgress',
  'OperationAbortedException',
  'OperationAborted',
  'PendingVerification',
  'BucketNotEmpty',
  'ScalingActivityInProgress',
  'ScalingActivityInProgressFault',
  'ResourceNotReady',
  'ClusterContainsServicesException',
  'ClusterContainsTasksException',
  'ClusterContainsContainerInstancesException',
  'UpdateInProgressException',
  'LimitExceededException',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServiceError',
  'ServerException',
]);

const GONE_CODES = new Set([
  'NoSuchEntity',
  'EntityDoesNotExistException',
  'NoSuchBucket',
  'NoSuchHostedZone',
  'ResourceNotFoundException',
  'ResourceNotFound',
  'NotFoundException',
  'NotFound',
  'DBInstanceNotFound',
  'DBInstanceNotFoundFault',
  'DBClusterNotFoundFault',
  'DBSnapshotNotFound',
  'DBSnapshotNotFoundFault',
  'DBClusterSnapshotNotFoundFault',
  'CacheClusterNotFound',
  'CacheClusterNotFoundFault',
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'TargetGroupNotFound',
  'TargetGroupNotFoundException',
  'RepositoryNotFoundException',
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'AWS.SimpleQueueService.NonExistentQueue',
  'QueueDoesNotExist',
  'NotFoundException',
  'ValidationError:NotFound',
]);

const GONE_MESSAGE = /does not exist|not found|could not be found|no such|cannot find|was not found/i;
const RETRYABLE_MESSAGE = /in use|has dependencies|dependent object|dependency|currently being|in progress|try again|not in (an? )?(available|valid) state|is (currently )?(pending|busy)|still has|not empty/i;

/** Classify a failed delete. Throttles are retryable: the SDK already retried them within the call. */
export function classifyFailure(error: unknown): ClassifiedFailure {
  const { code, message, status } = describeAwsError(error);
  const base = { code, message };
  if (GONE_CODES.has(code) || /\.NotFound$|NotFound(Fault|Exception)?$/.test(code)) return { kind: 'gone', ...base };
  if (isThrottle(code) || RETRYABLE_CODES.has(code) || status === 429 || (status !== undefined && status >= 500)) return { kind: 'retryable', ...base };
  if (/^(ValidationError|InvalidParameterValue|InvalidParameterCombination|InvalidRequest|BadRequestException|Conflict|ConflictException|InvalidParameterException)$/.test(code)) {
    if (GONE_MESSAGE.test(message) && !/in use/i.test(message)) return { kind: 'gone', ...base };
    if (RETRYABLE_MESSAGE.test(message)) return { kind: 'retryable', ...base };
  }
  return { kind: 'permanent', ...base };
}
