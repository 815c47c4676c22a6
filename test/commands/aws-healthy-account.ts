import {
  DescribeScalableTargetsCommand,
  DescribeScalingActivitiesCommand,
  DescribeScalingPoliciesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-application-auto-scaling'
import {
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudwatch'
import {DescribeServicesCommand, DescribeTaskDefinitionCommand} from '@aws-sdk/client-ecs'
import {GetFunctionConfigurationCommand} from '@aws-sdk/client-lambda'
import {GetProductsCommand} from '@aws-sdk/client-pricing'
import {GetServiceQuotaCommand} from '@aws-sdk/client-service-quotas'
import {
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandInput,
  GetQueueUrlCommand,
  type GetQueueUrlCommandInput,
} from '@aws-sdk/client-sqs'

import {sdkFixture} from '../aws/aws-fixtures.js'
import {US_EAST_1_FILES, getProductsStandIn, productsOf} from '../helpers/price-list.js'
import {type AwsMocks, mockAws, resetAws, useFakeCredentials} from './aws-live-mocks.js'

export const HIGH_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-high'
export const DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/miyabi-dlq'

/** The healthy account of fixtures/aws/, every call scripted from a recorded response. */
export function scriptHealthyAccount(m: AwsMocks): void {
  m.ecs.on(DescribeServicesCommand).resolves(sdkFixture('ecs-describe-services'))
  m.ecs.on(DescribeTaskDefinitionCommand).resolves(sdkFixture('ecs-describe-task-definition'))
  m.sqs.on(GetQueueUrlCommand).callsFake((input: GetQueueUrlCommandInput) => {
    if (input.QueueName === 'miyabi-high') return sdkFixture('sqs-get-queue-url-high')
    if (input.QueueName === 'miyabi-dlq') return sdkFixture('sqs-get-queue-url-dlq')
    throw Object.assign(new Error('The specified queue does not exist.'), {name: 'QueueDoesNotExist'})
  })
  m.sqs
    .on(GetQueueAttributesCommand)
    .callsFake((input: GetQueueAttributesCommandInput) =>
      sdkFixture(input.QueueUrl === DLQ_URL ? 'sqs-get-queue-attributes-dlq' : 'sqs-get-queue-attributes-high'),
    )
  m.cw
    .on(GetMetricDataCommand)
    .callsFake((input: GetMetricDataCommandInput) =>
      sdkFixture(
        input.NextToken === 'page-2' ? 'cloudwatch-get-metric-data-page2' : 'cloudwatch-get-metric-data-page1',
      ),
    )
  // The alarms that invoke the step policy of the recorded policies (by ActionPrefix = its ARN).
  m.cw.on(DescribeAlarmsCommand).resolves(sdkFixture('cloudwatch-describe-alarms-queue-depth'))
  m.cw.on(ListTagsForResourceCommand).resolves({Tags: []})
  m.aas.on(DescribeScalableTargetsCommand).resolves(sdkFixture('aas-describe-scalable-targets'))
  m.aas
    .on(DescribeScalingPoliciesCommand)
    .callsFake((input: {NextToken?: string}) =>
      sdkFixture(
        input.NextToken === 'policies-2'
          ? 'aas-describe-scaling-policies-page2'
          : 'aas-describe-scaling-policies-page1',
      ),
    )
  m.aas.on(DescribeScheduledActionsCommand).resolves(sdkFixture('aas-describe-scheduled-actions'))
  m.aas.on(DescribeScalingActivitiesCommand).resolves(sdkFixture('aas-describe-scaling-activities'))
  m.quotas.on(GetServiceQuotaCommand).resolves(sdkFixture('servicequotas-get-service-quota'))
  m.lambda.on(GetFunctionConfigurationCommand).resolves(sdkFixture('lambda/get-function-configuration'))
  m.pricing.on(GetProductsCommand).callsFake(getProductsStandIn(productsOf(US_EAST_1_FILES)))
}

/** Mocha setup shared by suites that run against the healthy account: fresh mocks per test. */
export function useHealthyAccount(onReady: (m: AwsMocks) => void = () => {}): void {
  useFakeCredentials()
  let m: AwsMocks
  beforeEach(() => {
    m = mockAws()
    scriptHealthyAccount(m)
    onReady(m)
  })
  afterEach(() => resetAws(m))
}
