import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'

import {COMMAND_IDS} from '../src/cli/core/command-registry.js'
import {ROOT} from './helpers/cli.js'

/** README.md and every page of docs/. */
function pages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap(name => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : []
    })
  return [join(ROOT, 'README.md'), ...walk(join(ROOT, 'docs'))]
}

/** Relative link targets of a Markdown page (code blocks and inline code left out). */
function relativeLinks(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(m => m[1])
    .filter(href => !/^[a-z]+:/i.test(href) && !href.startsWith('#'))
}

describe('the README and the manual', () => {
  it('the README is a front page: at most 300 lines', () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length - 1
    assert.ok(lines <= 300, `README.md has ${lines} lines`)
  })

  it('every relative link in README.md and docs/ points at a file that exists', () => {
    const broken = pages().flatMap(page =>
      relativeLinks(readFileSync(page, 'utf8'))
        .map(href => href.split('#')[0])
        .filter(target => !existsSync(join(dirname(page), target)))
        .map(target => `${relative(ROOT, page)} -> ${target}`),
    )
    assert.deepEqual(broken, [])
  })

  it('docs/README.md lists every page of the manual', () => {
    const index = readFileSync(join(ROOT, 'docs', 'README.md'), 'utf8')
    const listed = new Set(relativeLinks(index).map(href => href.split('#')[0]))
    const missing = pages()
      .map(page => relative(join(ROOT, 'docs'), page))
      .filter(page => !page.startsWith('..') && page !== 'README.md' && !listed.has(page))
    assert.deepEqual(missing, [])
  })

  it('user-facing docs never cite the internal spec or call the design document "the seed"', () => {
    const offending = pages().flatMap(page =>
      readFileSync(page, 'utf8')
        .split('\n')
        .map((line, i) => ({i, line}))
        .filter(
          ({line}) => /\bSPEC\b/.test(line) || /\bthe seed\b|\bseed-(step|exact|target-cpu|3\.[12])\b/i.test(line),
        )
        .map(({i, line}) => `${relative(ROOT, page)}:${i + 1}: ${line.trim()}`),
    )
    assert.deepEqual(offending, [])
  })

  it('docs run only the installed miyabi: never npx / npm exec / dlx that could fetch the registry\'s unrelated "miyabi"', () => {
    const offending = pages().flatMap(page =>
      readFileSync(page, 'utf8')
        .split('\n')
        .map((line, i) => ({i, line}))
        .filter(({line}) => fetchesMiyabi(line))
        .map(({i, line}) => `${relative(ROOT, page)}:${i + 1}: ${line.trim()}`),
    )
    assert.deepEqual(offending, [])
  })

  it('the docs check catches each way of fetching the package, and passes the installed-only ones', () => {
    for (const line of [
      'npx miyabi plan',
      'run: npx -y miyabi status',
      'npx --yes miyabi',
      'npm exec miyabi -- plan',
      'npm exec -- miyabi',
      'pnpm dlx miyabi',
      'yarn dlx miyabi',
      'bunx miyabi',
    ]) {
      assert.ok(fetchesMiyabi(line), line)
    }

    for (const line of [
      'npx --no-install miyabi status',
      'npx --no miyabi plan',
      'npm exec --offline -- miyabi plan',
      './node_modules/.bin/miyabi plan',
      'npx mocha test/x.test.ts',
    ]) {
      assert.ok(!fetchesMiyabi(line), line)
    }
  })

  it("the README's command table lists every command", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const listed = new Set(
      readme
        .split('\n')
        .filter(l => l.startsWith('| [`'))
        .flatMap(row => tableCommands(row.split(/(?<!\\)\|/)[1])),
    )
    // plugin-autocomplete's hidden commands are what `miyabi autocomplete` tells the shell to run.
    const missing = COMMAND_IDS.filter(id => !['help', 'autocomplete:create', 'autocomplete:script'].includes(id))
      .map(id => id.replaceAll(':', ' '))
      .filter(id => !listed.has(id))
    assert.deepEqual(missing, [])
  })

  it('package.json is private: npm refuses to publish it under a registry name that is not ours', () => {
    assert.equal(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).private, true)
  })
})

/**
 * The commands a cell of the README's command table names: each `code` span, where
 * `scale policy show\|diff` stands for `scale policy show` and `scale policy diff`.
 */
function tableCommands(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].flatMap(([, name]) => {
    const [first, ...rest] = name.split('\\|')
    const stem = first.split(' ').slice(0, -1).join(' ')
    return [first, ...rest.map(last => `${stem} ${last}`)]
  })
}

/**
 * True when a line runs miyabi through a package runner that downloads a missing package: the npm
 * registry's "miyabi" is an unrelated package, and a runner would execute it with the caller's AWS
 * credentials. `--no-install` / `--no` (npx) and `--offline` (npm exec) never download.
 */
function fetchesMiyabi(line: string): boolean {
  const runner = /(?:\bnpx|\bnpm\s+exec|\b(?:pnpm|yarn)\s+dlx|\bbunx)((?:\s+-[-\w=]*)*)\s+miyabi\b/g
  return [...line.matchAll(runner)].some(m => !/(^|\s)(--no-install|--no|--offline)(?=\s|$)/.test(m[1]))
}
