/**
 * What the AWS layer reads for `status`, as plain data: the ECS service, each SQS queue and its
 * dead-letter queue, the scalable target and its policies, the CloudWatch series and the Fargate
 * quota. src/aws/ fills it in; deriveStatus (./report.ts) turns it into the report.
 */
import type {Priority} from '../common/priority.js'

export interface DeploymentInfo {
  id: string | null
  status: string | null
  taskDefinition: string | null
  desired: number | null
  running: number | null
  pending: number | null
  failedTasks: number | null
  rolloutState: string | null
  rolloutStateReason: string | null
  createdAt: string | null
  updatedAt: string | null
}

export interface ServiceEvent {
  createdAt: string | null
  message: string
}

export interface ServiceSnapshot {
  /** Cluster name (CloudWatch dimensions and scalable target ids need the name). */
  cluster: string
  name: string
  arn: string | null
  status: string | null
  desired: number | null
  running: number | null
  pending: number | null
  taskDefinition: string | null
  deployments: DeploymentInfo[]
  /** Newest first, as ECS returns them. */
  events: ServiceEvent[]
}

export interface TaskDefinitionSize {
  arn: string
  /** CPU units (1024 = 1 vCPU); null when only set per container (EC2 launch type). */
  cpu: number | null
  memoryMiB: number | null
}

export interface ScalableTarget {
  resourceId: string
  min: number | null
  max: number | null
  suspended: {dynamicScalingIn: boolean; dynamicScalingOut: boolean; scheduledScaling: boolean}
}

export interface PolicySummary {
  name: string
  type: string
  summary: string
  /** Target tracking on ECSServiceAverageCPUUtilization: its target, for the CPU warning. */
  cpuTarget: number | null
}

export interface ScheduledActionSummary {
  name: string
  schedule: string | null
  timezone: string | null
  min: number | null
  max: number | null
}

export interface ScalingActivity {
  startTime: string | null
  status: string | null
  description: string
  cause: string | null
}

export interface QueueCounts {
  name: string
  url: string
  arn: string | null
  visible: number | null
  inFlight: number | null
  delayed: number | null
  /** The dead-letter queue's ARN from the RedrivePolicy attribute, if it has one. */
  deadLetterArn: string | null
}

/** A CloudWatch series, oldest first. */
export interface Series {
  timestamps: string[]
  values: number[]
}

/** A warning for a section that could not be read (or only in part). */
export interface SectionWarning {
  code: 'unavailable'
  message: string
  section: StatusSection
  /** The IAM action of the call that failed. */
  action: string
}

export type StatusSection =
  'service' | 'task definition' | 'queues' | 'dead-letter queues' | 'autoscaling' | 'metrics' | 'service quotas'

/** One configured queue as read; null where a call failed. */
export interface QueueRead {
  /** The name the user gave (from a name, URL or ARN), for a queue that could not be read. */
  name: string
  priority: Priority | null
  counts: QueueCounts | null
  deadLetter: QueueCounts | null
}

export interface StatusSnapshot {
  /** When the reads started: ages and the metric window are relative to it. */
  readAt: Date
  region: string | null
  /** The scalable target's resource id (service/CLUSTER/SERVICE). */
  resourceId: string
  service: ServiceSnapshot | null
  taskDefinition: TaskDefinitionSize | null
  queues: QueueRead[]
  /** null: DescribeScalableTargets failed; {target: null}: the service is not a scalable target. */
  scalable: {target: ScalableTarget | null} | null
  policies: PolicySummary[] | null
  scheduledActions: ScheduledActionSummary[] | null
  activities: ScalingActivity[] | null
  /** null: GetMetricData failed. A series with no datapoints is empty; a missing one is null. */
  metrics: {
    sinceSeconds: number
    periodSeconds: number
    cpu: Series | null
    memory: Series | null
    /** The account's Fargate On-Demand vCPUs in use (AWS/Usage). */
    fargateVcpu: Series | null
    /** ApproximateAgeOfOldestMessage, one per queue in `queues` order. */
    oldestAge: (Series | null)[]
  } | null
  fargateVcpuQuota: number | null
  /** Sections that could not be read, or only in part. */
  unavailable: SectionWarning[]
}
