/**
 * The IAM actions each live command calls: exactly the calls in clients.ts that the
 * command's code path makes (a test runs every path and compares). Plain data: printing
 * a policy never loads the SDK.
 */
export const COMMAND_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // What the wizard offers when the credentials work (it asks for names when they do not).
  'config init': [
    'ecs:ListClusters',
    'ecs:ListServices',
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'sqs:ListQueues',
  ],
  'config validate': ['ecs:DescribeServices', 'sqs:GetQueueUrl', 'lambda:GetFunctionConfiguration'],
  scale: ['ecs:DescribeServices', 'application-autoscaling:DescribeScalableTargets'],
  'scale set': [
    'ecs:DescribeServices',
    'ecs:UpdateService',
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:RegisterScalableTarget',
    // Only to undo a target the same run registered, after a failure.
    'application-autoscaling:DeregisterScalableTarget',
  ],
  'scale policy show': [
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:DescribeScalingPolicies',
    'application-autoscaling:DescribeScheduledActions',
    'cloudwatch:DescribeAlarms',
  ],
  'scale policy diff': [
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:DescribeScalingPolicies',
    'application-autoscaling:DescribeScheduledActions',
    'cloudwatch:DescribeAlarms',
  ],
  'scale policy apply': [
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:DescribeScalingPolicies',
    'application-autoscaling:DescribeScheduledActions',
    'application-autoscaling:RegisterScalableTarget',
    // Only to undo a target the same run registered, after a failure.
    'application-autoscaling:DeregisterScalableTarget',
    'application-autoscaling:PutScalingPolicy',
    'application-autoscaling:DeleteScalingPolicy',
    'application-autoscaling:PutScheduledAction',
    'application-autoscaling:DeleteScheduledAction',
    'cloudwatch:DescribeAlarms',
    // Each alarm's tags, to re-create an alarm exactly if a failed run must put it back.
    'cloudwatch:ListTagsForResource',
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DeleteAlarms',
  ],
  status: [
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'sqs:GetQueueUrl',
    'sqs:GetQueueAttributes',
    'cloudwatch:GetMetricData',
    'application-autoscaling:DescribeScalableTargets',
    'application-autoscaling:DescribeScalingPolicies',
    'application-autoscaling:DescribeScheduledActions',
    'application-autoscaling:DescribeScalingActivities',
    'servicequotas:GetServiceQuota',
    // Only when the quota has no applied value.
    'servicequotas:GetAWSDefaultServiceQuota',
  ],
  'bench lambda': [
    'lambda:GetFunctionConfiguration',
    'lambda:UpdateFunctionConfiguration',
    'lambda:PublishVersion',
    'lambda:CreateAlias',
    'lambda:InvokeFunction',
    'lambda:DeleteAlias',
    'lambda:DeleteFunction',
    // Only to find what a run that died (or lost a reply) created: --cleanup and the next run.
    'lambda:ListAliases',
    'lambda:ListVersionsByFunction',
  ],
  // Also what `--prices live` on plan, simulate and tune lambda calls when it refreshes.
  'pricing refresh': ['pricing:GetProducts'],
  'bench workers': [
    'cloudwatch:GetMetricData',
    // Only when Container Insights has no RunningTaskCount: the desired count stands in.
    'ecs:DescribeServices',
  ],
  // The daily sums of NumberOfMessagesSent (--history FILE calls nothing).
  forecast: ['cloudwatch:GetMetricData'],
}

export const LIVE_COMMANDS = Object.keys(COMMAND_ACTIONS)

/** `scale:set`, `scale set` and `scale-set` all name the same command. */
export function normalizeCommandName(name: string): string {
  return name.trim().replaceAll(/[:\s]+/g, ' ')
}
