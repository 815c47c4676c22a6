import {EXIT_CODES_HELP, MiyabiCommand} from '../../cli/core/base-command.js'
import {CONFIG_SCHEMA} from '../../config/schema.js'
import {toJson} from '../../render/output.js'

export default class ConfigSchema extends MiyabiCommand {
  static override summary = 'Print the JSON Schema of miyabi.yaml (for editor completion and validation).'
  static override description = `Point your editor's YAML language server at it, e.g. put this first line in miyabi.yaml:
  # yaml-language-server: $schema=./miyabi.schema.json

${EXIT_CODES_HELP}`

  static override examples = ['<%= config.bin %> config schema > miyabi.schema.json']

  public async run(): Promise<typeof CONFIG_SCHEMA> {
    await this.parse(ConfigSchema)
    // The schema is a JSON document either way: `--json` prints the same bytes.
    this.print(toJson(CONFIG_SCHEMA))
    return CONFIG_SCHEMA
  }
}
