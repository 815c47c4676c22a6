import {runCli} from '../helpers/cli.js'
import {assertOneLineError} from '../helpers/expect-error.js'
import {tempDir} from '../helpers/fixtures.js'

/** A bad endpoint is a usage error before any AWS call, not a TypeError from deep in the SDK. */
describe('live commands: --endpoint-url must be an http(s) URL', () => {
  const live = [
    ['status', '--cluster', 'c', '--service', 's'],
    ['scale', '--cluster', 'c', '--service', 's'],
    ['scale', 'set', '3', '--cluster', 'c', '--service', 's', '--dry-run'],
  ]
  for (const args of live)
    for (const bad of ['notaurl', 'ftp://localhost:21'])
      it(`${args.slice(0, args.indexOf('--cluster')).join(' ')} --endpoint-url ${bad}: exit 2, one line`, () => {
        assertOneLineError(
          runCli([...args, '--region', 'us-east-1', '--endpoint-url', bad]),
          /--endpoint-url must be an http\(s\) URL/,
        )
      })

  it('aws.endpointUrl in miyabi.yaml is checked with its line', () => {
    const t = tempDir({'miyabi.yaml': 'version: 1\naws:\n  endpointUrl: localhost:4566\n'})
    try {
      assertOneLineError(
        runCli(['status', '--cluster', 'c', '--service', 's'], {cwd: t.dir}),
        /miyabi\.yaml:3: aws\.endpointUrl has a bad format/,
      )
    } finally {
      t.cleanup()
    }
  })
})
