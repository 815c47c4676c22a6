import {createRequire} from 'node:module'
import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'

import {EXIT_CODES_HELP, MiyabiCommand} from '../cli/core/base-command.js'
import {formatFlag} from '../cli/core/format-flag.js'

export interface VersionReport {
  miyabi: string
  node: string
  /** process.platform-process.arch, as Node names them (linux-x64, darwin-arm64, win32-x64). */
  platform: string
  /** The AWS SDK for JavaScript v3 as installed: its shared core and each client miyabi uses, by package name. */
  awsSdk: Record<string, string | null>
}

export default class Version extends MiyabiCommand {
  static override summary = 'Print the versions of miyabi, Node.js and the AWS SDK.'
  static override description = `The same as \`miyabi --version\` and \`miyabi -v\`. Reads the installed packages' package.json files: the AWS SDK itself is not loaded, and nothing is called.

${EXIT_CODES_HELP}`

  static override examples = ['<%= config.bin %> version', '<%= config.bin %> -v', '<%= config.bin %> version --json']
  static override flags = {format: formatFlag}

  public async run(): Promise<VersionReport> {
    await this.parse(Version)
    const report: VersionReport = {
      miyabi: this.config.version,
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
      awsSdk: sdkVersions(this.config.root, Object.keys(this.config.pjson.dependencies ?? {})),
    }
    await this.printResult(report, () => [
      {
        title: `miyabi ${report.miyabi}`,
        lines: [
          `Node.js ${report.node} (${report.platform})`,
          `AWS SDK for JavaScript v3: ${Object.entries(report.awsSdk)
            .map(([name, v]) => `${name.replace('@aws-sdk/', '')} ${v ?? 'not installed'}`)
            .join(', ')}`,
        ],
      },
    ])
    return report
  }
}

/** @aws-sdk/core and each @aws-sdk/client-* dependency, as resolved from the package root (null when missing). */
function sdkVersions(root: string, dependencies: string[]): Record<string, string | null> {
  const require = createRequire(join(root, 'package.json'))
  const names = ['@aws-sdk/core', ...dependencies.filter(d => d.startsWith('@aws-sdk/client-')).sort()]
  return Object.fromEntries(names.map(name => [name, installedVersion(require, name)]))
}

/** The version in the package.json of the package `name` resolves to: its entry point's nearest package of that name. */
function installedVersion(require: NodeJS.Require, name: string): string | null {
  let dir: string
  try {
    dir = dirname(require.resolve(name))
  } catch {
    return null
  }

  for (;;) {
    const file = join(dir, 'package.json')
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {name?: string; version?: string}
      if (pkg.name === name) return pkg.version ?? null
    }

    const up = dirname(dir)
    if (up === dir) return null
    dir = up
  }
}
