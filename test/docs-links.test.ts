import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'

import {ROOT} from './helpers/cli.js'

/** README.md and every page of docs/. */
function pages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.md') ? [path] : []
    })
  return [join(ROOT, 'README.md'), ...walk(join(ROOT, 'docs'))]
}

/** Relative link targets of a Markdown page (code blocks and inline code left out). */
function relativeLinks(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/i.test(href) && !href.startsWith('#'))
}

describe('the README and the manual', () => {
  it('the README is a front page: at most 300 lines', () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length - 1
    assert.ok(lines <= 300, `README.md has ${lines} lines`)
  })

  it('every relative link in README.md and docs/ points at a file that exists', () => {
    const broken = pages().flatMap((page) =>
      relativeLinks(readFileSync(page, 'utf8'))
        .map((href) => href.split('#')[0])
        .filter((target) => !existsSync(join(dirname(page), target)))
        .map((target) => `${relative(ROOT, page)} -> ${target}`),
    )
    assert.deepEqual(broken, [])
  })

  it('docs/README.md lists every page of the manual', () => {
    const index = readFileSync(join(ROOT, 'docs', 'README.md'), 'utf8')
    const listed = new Set(relativeLinks(index).map((href) => href.split('#')[0]))
    const missing = pages()
      .map((page) => relative(join(ROOT, 'docs'), page))
      .filter((page) => !page.startsWith('..') && page !== 'README.md' && !listed.has(page))
    assert.deepEqual(missing, [])
  })

  it('user-facing docs never cite the internal spec or call the design document "the seed"', () => {
    const offending = pages().flatMap((page) =>
      readFileSync(page, 'utf8')
        .split('\n')
        .map((line, i) => ({i, line}))
        .filter(({line}) => /\bSPEC\b/.test(line) || /\bthe seed\b|\bseed-(step|exact|target-cpu|3\.[12])\b/i.test(line))
        .map(({i, line}) => `${relative(ROOT, page)}:${i + 1}: ${line.trim()}`),
    )
    assert.deepEqual(offending, [])
  })
})
