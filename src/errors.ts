/** Exit codes, the same for every command (documented in the README and in --help). */
export const EXIT = {
  failure: 1,
  ok: 0,
  partial: 3,
  timeout: 4,
  usage: 2,
} as const

/** An error meant for the user: one line, a known exit code, no stack trace. */
export class MiyabiError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly code = 'MIYABI_ERROR',
  ) {
    super(message)
    this.name = 'MiyabiError'
  }
}

/** Bad flags, arguments, config or input files (exit 2). */
export class UsageError extends MiyabiError {
  constructor(message: string) {
    super(message, EXIT.usage, 'USAGE')
    this.name = 'UsageError'
  }
}

/** A budget or drift gate that did not pass (exit 1). */
export class GateError extends MiyabiError {
  constructor(message: string) {
    super(message, EXIT.failure, 'GATE')
    this.name = 'GateError'
  }
}

export class TimeoutError extends MiyabiError {
  constructor(message: string) {
    super(message, EXIT.timeout, 'TIMEOUT')
    this.name = 'TimeoutError'
  }
}

/** An AWS call that failed, as one line that names the action and the resource (exit 1). */
export class AwsError extends MiyabiError {
  constructor(
    message: string,
    readonly kind: AwsErrorKind,
    /** The IAM action (e.g. ecs:DescribeServices) of the call that failed. */
    readonly action: string,
    /** AWS's own error name (e.g. ResourceConflictException), for callers that react to one. */
    readonly awsName: string | null = null,
  ) {
    // A request that never got an answer is a timeout waiting for AWS, like `scale set --wait`. No
    // region is a missing setting (usage): the SDK finds it on the first call, before anything changed.
    super(message, AWS_EXIT[kind] ?? EXIT.failure, `AWS_${kind.toUpperCase().replaceAll('-', '_')}`)
    this.name = 'AwsError'
  }
}

const AWS_EXIT: Partial<Record<AwsErrorKind, number>> = {'no-region': EXIT.usage, timeout: EXIT.timeout}

/** Whether AWS answered that the resource does not exist (any other failure says nothing about it). */
export const isNotFound = (error: unknown): error is AwsError => error instanceof AwsError && error.kind === 'not-found'

export type AwsErrorKind =
  | 'access-denied'
  | 'endpoint-unreachable'
  | 'expired-token'
  | 'no-credentials'
  | 'no-region'
  | 'not-found'
  | 'other'
  | 'server-error'
  | 'throttled'
  | 'timeout'
  | 'invalid-request'
