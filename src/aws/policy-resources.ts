/**
 * Translation between miyabi's scaling resources (src/model/deploy) and the shapes of the
 * Application Auto Scaling and CloudWatch APIs: SDK replies into specs (so live and desired compare
 * field by field) and specs into the inputs of PutScalingPolicy, PutMetricAlarm and
 * PutScheduledAction. Pure: types only from the SDK, no client.
 */
import type * as AAS from '@aws-sdk/client-application-auto-scaling'
import type * as CW from '@aws-sdk/client-cloudwatch'

import type {
  AlarmComparison,
  AlarmSpec,
  MetricRef,
  MetricSpec,
  ScheduledActionSpec,
  StepPolicySpec,
  TargetPolicySpec,
} from '../model/index.js'

/** The policy named by a scaling policy ARN (`...:policyName/NAME`), or null for any other action. */
export function policyNameFromArn(arn: string): string | null {
  const m = /^arn:aws[\w-]*:autoscaling:[^:]*:\d*:scalingPolicy:[^:]+:resource\/.+:policyName\/(.+)$/.exec(arn)
  return m ? m[1] : null
}

const dims = (d: {Name?: string; Value?: string}[] | undefined) =>
  (d ?? []).map(x => ({name: x.Name ?? '', value: x.Value ?? ''}))
const toDims = (d: MetricRef['dimensions']) => d.map(x => ({Name: x.name, Value: x.value}))

/** A list of metric-data queries (alarm or target tracking) as one MetricSpec. */
function specFromQueries(
  queries: {
    Id?: string
    Expression?: string
    ReturnData?: boolean
    MetricStat?: {
      Metric?: {Namespace?: string; MetricName?: string; Dimensions?: {Name?: string; Value?: string}[]}
      Stat?: string
    }
  }[],
): MetricSpec {
  const metrics = queries
    .filter(q => q.MetricStat)
    .map(q => ({
      dimensions: dims(q.MetricStat?.Metric?.Dimensions),
      name: q.MetricStat?.Metric?.MetricName ?? '',
      namespace: q.MetricStat?.Metric?.Namespace ?? '',
      stat: q.MetricStat?.Stat ?? '',
    }))
  const result =
    queries.find(q => q.Expression !== undefined && q.ReturnData !== false) ??
    queries.find(q => q.Expression !== undefined)
  // Ids are whatever the alarm's author chose: renamed to m1, m2, ... in query order, as miyabi writes them.
  const ids = queries.filter(q => q.MetricStat).map(q => q.Id ?? '')
  let expression = result?.Expression ?? null
  if (expression !== null) {
    const rename = new Map(ids.map((id, i) => [id, `m${i + 1}`]))
    expression = expression.replaceAll(/\b[a-z]\w*\b/g, token => rename.get(token) ?? token)
  }

  return {expression, metrics}
}

/** What a CloudWatch alarm watches, whichever of its two forms (one metric, or metric math) it uses. */
export function alarmMetric(alarm: CW.MetricAlarm): MetricSpec {
  if (alarm.Metrics && alarm.Metrics.length > 0) return specFromQueries(alarm.Metrics)
  return {
    expression: null,
    metrics: [
      {
        dimensions: dims(alarm.Dimensions),
        name: alarm.MetricName ?? '',
        namespace: alarm.Namespace ?? '',
        stat: alarm.Statistic ?? alarm.ExtendedStatistic ?? '',
      },
    ],
  }
}

export function alarmSpec(alarm: CW.MetricAlarm): AlarmSpec {
  const period = alarm.Period ?? alarm.Metrics?.find(m => m.MetricStat?.Period !== undefined)?.MetricStat?.Period ?? 60
  return {
    comparison: (alarm.ComparisonOperator ?? 'GreaterThanOrEqualToThreshold') as AlarmComparison,
    datapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods ?? 1,
    evaluationPeriods: alarm.EvaluationPeriods ?? 1,
    metric: alarmMetric(alarm),
    name: alarm.AlarmName ?? '',
    periodSeconds: period,
    policyNames: (alarm.AlarmActions ?? [])
      .map(policyNameFromArn)
      .filter((n): n is string => n !== null)
      .sort(),
    threshold: alarm.Threshold ?? 0,
  }
}

export function stepPolicySpec(p: AAS.ScalingPolicy, alarms: AlarmSpec[]): StepPolicySpec {
  const c = p.StepScalingPolicyConfiguration ?? {}
  return {
    adjustmentType: c.AdjustmentType ?? 'ChangeInCapacity',
    alarms,
    // AWS's default cooldown when none is set.
    cooldownSeconds: c.Cooldown ?? 300,
    kind: 'step',
    metricAggregationType: c.MetricAggregationType ?? 'Average',
    minAdjustmentMagnitude: c.MinAdjustmentMagnitude ?? null,
    name: p.PolicyName ?? '',
    steps: (c.StepAdjustments ?? []).map(s => ({
      adjustment: s.ScalingAdjustment ?? 0,
      lower: s.MetricIntervalLowerBound ?? null,
      upper: s.MetricIntervalUpperBound ?? null,
    })),
  }
}

export function targetPolicySpec(p: AAS.ScalingPolicy): TargetPolicySpec {
  const c = p.TargetTrackingScalingPolicyConfiguration ?? {TargetValue: 0}
  const custom = c.CustomizedMetricSpecification
  let metric: TargetPolicySpec['metric']
  if (c.PredefinedMetricSpecification) metric = {predefined: c.PredefinedMetricSpecification.PredefinedMetricType ?? ''}
  else if (custom?.Metrics && custom.Metrics.length > 0) metric = {customized: specFromQueries(custom.Metrics)}
  else
    metric = {
      customized: {
        expression: null,
        metrics: [
          {
            dimensions: dims(custom?.Dimensions),
            name: custom?.MetricName ?? '',
            namespace: custom?.Namespace ?? '',
            stat: custom?.Statistic ?? '',
          },
        ],
      },
    }

  return {
    disableScaleIn: c.DisableScaleIn ?? false,
    kind: 'target',
    metric,
    name: p.PolicyName ?? '',
    // Application Auto Scaling's defaults for ECS when a cooldown is not set.
    scaleInCooldownSeconds: c.ScaleInCooldown ?? 300,
    scaleOutCooldownSeconds: c.ScaleOutCooldown ?? 300,
    targetValue: c.TargetValue ?? 0,
  }
}

export function scheduledActionSpec(a: AAS.ScheduledAction): ScheduledActionSpec {
  return {
    maxCapacity: a.ScalableTargetAction?.MaxCapacity ?? null,
    minCapacity: a.ScalableTargetAction?.MinCapacity ?? null,
    name: a.ScheduledActionName ?? '',
    schedule: a.Schedule ?? '',
    // AWS reports UTC schedules with Timezone absent or "UTC"; both mean the same.
    timezone: a.Timezone && a.Timezone !== 'UTC' && a.Timezone !== 'Etc/UTC' ? a.Timezone : null,
  }
}

/** The metric fields of PutMetricAlarm: the classic single-metric fields, or Metrics for metric math. */
export function alarmMetricInput(metric: MetricSpec, periodSeconds: number): Partial<CW.PutMetricAlarmInput> {
  if (metric.expression === null && metric.metrics.length === 1) {
    const [m] = metric.metrics
    return {
      Dimensions: toDims(m.dimensions),
      MetricName: m.name,
      Namespace: m.namespace,
      Period: periodSeconds,
      Statistic: m.stat as CW.Statistic,
    }
  }

  return {
    Metrics: [
      ...metric.metrics.map((m, i) => ({
        Id: `m${i + 1}`,
        MetricStat: {
          Metric: {Dimensions: toDims(m.dimensions), MetricName: m.name, Namespace: m.namespace},
          Period: periodSeconds,
          Stat: m.stat,
        },
        ReturnData: false,
      })),
      {Expression: metric.expression ?? 'm1', Id: 'e1', Label: 'miyabi', ReturnData: true},
    ],
  }
}

export function putMetricAlarmInput(alarm: AlarmSpec, policyArns: string[]): CW.PutMetricAlarmInput {
  return {
    ActionsEnabled: true,
    AlarmActions: policyArns,
    AlarmDescription: `Managed by miyabi: invokes ${alarm.policyNames.join(', ')}`,
    AlarmName: alarm.name,
    ComparisonOperator: alarm.comparison,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    EvaluationPeriods: alarm.evaluationPeriods,
    Threshold: alarm.threshold,
    ...alarmMetricInput(alarm.metric, alarm.periodSeconds),
  }
}

/** The policy-specific part of PutScalingPolicy (the target's ids are added by the caller). */
export function scalingPolicyConfiguration(
  p: StepPolicySpec | TargetPolicySpec,
): Pick<
  AAS.PutScalingPolicyRequest,
  'PolicyType' | 'StepScalingPolicyConfiguration' | 'TargetTrackingScalingPolicyConfiguration'
> {
  if (p.kind === 'step')
    return {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: p.adjustmentType,
        Cooldown: p.cooldownSeconds,
        MetricAggregationType: p.metricAggregationType,
        ...(p.minAdjustmentMagnitude === null ? {} : {MinAdjustmentMagnitude: p.minAdjustmentMagnitude}),
        StepAdjustments: p.steps.map(s => ({
          ...(s.lower === null ? {} : {MetricIntervalLowerBound: s.lower}),
          ...(s.upper === null ? {} : {MetricIntervalUpperBound: s.upper}),
          ScalingAdjustment: s.adjustment,
        })),
      },
    }

  const metric =
    'predefined' in p.metric
      ? {PredefinedMetricSpecification: {PredefinedMetricType: p.metric.predefined as AAS.MetricType}}
      : {CustomizedMetricSpecification: customizedMetric(p.metric.customized)}
  return {
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      DisableScaleIn: p.disableScaleIn,
      ScaleInCooldown: p.scaleInCooldownSeconds,
      ScaleOutCooldown: p.scaleOutCooldownSeconds,
      TargetValue: p.targetValue,
      ...metric,
    },
  }
}

function customizedMetric(spec: MetricSpec): AAS.CustomizedMetricSpecification {
  if (spec.expression === null && spec.metrics.length === 1) {
    const [m] = spec.metrics
    return {
      Dimensions: toDims(m.dimensions),
      MetricName: m.name,
      Namespace: m.namespace,
      Statistic: m.stat as AAS.MetricStatistic,
    }
  }

  return {
    Metrics: [
      ...spec.metrics.map((m, i) => ({
        Id: `m${i + 1}`,
        MetricStat: {
          Metric: {Dimensions: toDims(m.dimensions), MetricName: m.name, Namespace: m.namespace},
          Stat: m.stat,
        },
        ReturnData: false,
      })),
      {Expression: spec.expression ?? 'm1', Id: 'e1', Label: 'miyabi', ReturnData: true},
    ],
  }
}
