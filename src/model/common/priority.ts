/** The platform's SQS queue priorities, polled most often first. */
export const PRIORITIES = ['high', 'standard', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]
