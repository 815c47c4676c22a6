export type TaskSizeName = 'light' | 'standard' | 'medium' | 'heavy' | 'xl'

export interface TaskSize {
  name: TaskSizeName
  vcpu: number
  memoryGb: number
  /** The design document's processing time for this size; medium and xl are inferred. */
  minutesPerIssue: number
}

export const TASK_SIZES: Readonly<Record<TaskSizeName, TaskSize>> = {
  light: {memoryGb: 0.5, minutesPerIssue: 5, name: 'light', vcpu: 0.25},
  standard: {memoryGb: 1, minutesPerIssue: 15, name: 'standard', vcpu: 0.5},
  medium: {memoryGb: 2, minutesPerIssue: 15, name: 'medium', vcpu: 1},
  heavy: {memoryGb: 4, minutesPerIssue: 30, name: 'heavy', vcpu: 2},
  xl: {memoryGb: 8, minutesPerIssue: 30, name: 'xl', vcpu: 4},
}

export const TASK_SIZE_NAMES = Object.keys(TASK_SIZES) as TaskSizeName[]

export function isTaskSizeName(value: string): value is TaskSizeName {
  return Object.hasOwn(TASK_SIZES, value)
}

/**
 * Which named size an ECS task definition's cpu units / memory MiB correspond to,
 * or null when it is none of them (a custom size).
 */
export function taskSizeFromUnits(cpuUnits: number, memoryMiB: number): TaskSizeName | null {
  for (const size of Object.values(TASK_SIZES)) {
    if (size.vcpu * 1024 === cpuUnits && size.memoryGb * 1024 === memoryMiB) return size.name
  }
  return null
}
