import {readFileSync, readdirSync} from 'node:fs'
import {join, relative} from 'node:path'

import {ROOT} from './cli.js'

/** Every .ts file under `dir` (src/ by default), by path. */
export function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap(e =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** A file's code without comments, so a comment that names `Date.now()` is not a hit. */
export function codeOf(file: string): string {
  return readFileSync(file, 'utf8')
    .replaceAll(/\/\*[\s\S]*?\*\//g, '')
    .replaceAll(/^\s*\/\/.*$/gm, '')
}

/** `path: line` for each line of code under `dir` that `pattern` matches, in files `skip` does not name. */
export function linesMatching(dir: string, pattern: RegExp, skip: (path: string) => boolean = () => false): string[] {
  return sourceFiles(dir)
    .map(f => relative(ROOT, f).replaceAll('\\', '/'))
    .filter(path => !skip(path))
    .flatMap(path =>
      codeOf(join(ROOT, path))
        .split('\n')
        .filter(line => pattern.test(line))
        .map(line => `${path}: ${line.trim()}`),
    )
}
