/**
 * The test account's resources as flags: the service of the recorded account (fixtures/aws/) and
 * of the loopback and emulated accounts, and its high-priority queue.
 */
export const WHERE = ['--cluster', 'miyabi', '--service', 'workers']
export const WHERE_HIGH = [...WHERE, '--queue', 'miyabi-high']
