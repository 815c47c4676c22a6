/**
 * The CLI entry: oclif and every command in one module, bundled by scripts/bundle.mjs so
 * start-up reads one file instead of hundreds. Commands that need the AWS SDK import it
 * lazily inside run(), and the SDK stays outside the bundle.
 */
import ConfigSchema from './commands/config/schema.js'
import Plan from './commands/plan/index.js'
import Simulate from './commands/simulate/index.js'

export {execute} from '@oclif/core'

export const COMMANDS = {
  'config:schema': ConfigSchema,
  plan: Plan,
  simulate: Simulate,
}
