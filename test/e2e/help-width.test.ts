import assert from 'node:assert/strict'

import {COMMAND_IDS} from '../../src/cli.js'
import {helpWidth, splitCommandLine} from '../../src/cli/core/help.js'
import {displayWidth} from '../../src/render/text.js'
import {runCli, runOnTerminal} from '../helpers/cli.js'

const TOPICS = ['plan', 'scale', 'scale policy', 'config', 'tune', 'pricing', 'bench']
const pages = [
  [],
  ...COMMAND_IDS.filter(id => id !== 'help').map(id => id.split(':')),
  ...TOPICS.map(t => t.split(' ')),
]

function widest(text: string): {width: number; line: string} {
  let best = {line: '', width: 0}
  for (const line of text.split('\n')) if (displayWidth(line) > best.width) best = {line, width: displayWidth(line)}
  return best
}

describe('help fits the terminal (issue 16, item 3)', function () {
  this.timeout(120_000)

  it('every help page on an 80-column terminal (a pseudo-terminal): no line over 80', () => {
    const over: string[] = []
    for (const words of pages) {
      const text = runOnTerminal([...words, '--help'], 80)
      assert.match(text, /USAGE/, words.join(' '))
      const {line, width} = widest(text)
      if (width > 80) over.push(`${words.join(' ') || '(root)'}: ${width}: ${line}`)
    }

    assert.deepEqual(over, [])
  })

  it('piped, help is laid out for 80 columns; a wider terminal gets wider lines', () => {
    for (const words of [['simulate'], ['config', 'init'], ['bench', 'lambda']]) {
      const piped = runCli([...words, '--help'])
      assert.equal(piped.code, 0)
      assert.ok(widest(piped.stdout).width <= 80, words.join(' '))
    }

    assert.ok(widest(runOnTerminal(['simulate', '--help'], 120)).width > 80)
  })

  it('a long example is split at its flags with \\ continuations', () => {
    const text = runOnTerminal(['config', 'init', '--help'], 80)
    assert.match(text, /\$ miyabi config init --no-interactive .* \\\n {6}--/)
  })

  it('splitCommandLine: a flag stays with its value; continuation lines indented; short lines as they are', () => {
    assert.deepEqual(splitCommandLine('miyabi plan --issues-per-day 1000', 40), ['miyabi plan --issues-per-day 1000'])
    assert.deepEqual(splitCommandLine('miyabi plan --issues-per-day 1000 --peak-factor 2 --target-wait 15m', 40), [
      'miyabi plan --issues-per-day 1000 \\',
      '    --peak-factor 2 --target-wait 15m',
    ])
    assert.deepEqual(splitCommandLine('miyabi x --a 1 --b 2 | jq .c', 16), [
      'miyabi x --a 1 \\',
      '    --b 2 \\',
      '    | jq .c',
    ])
  })

  it('helpWidth: OCLIF_COLUMNS, then COLUMNS, then the terminal, else 80', () => {
    assert.equal(helpWidth({OCLIF_COLUMNS: '100', COLUMNS: '90'}, {columns: 120, isTTY: true}), 100)
    assert.equal(helpWidth({COLUMNS: '90'}, {columns: 120, isTTY: true}), 90)
    assert.equal(helpWidth({}, {columns: 120, isTTY: true}), 120)
    assert.equal(helpWidth({}, {isTTY: false}), 80)
    assert.equal(helpWidth({COLUMNS: 'wide'}, {isTTY: false}), 80)
  })
})
