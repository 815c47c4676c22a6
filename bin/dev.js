#!/usr/bin/env node
// Development entry: rebuilds the bundle from src/ (a second or two), then runs it.
import {execFileSync} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
execFileSync(process.execPath, [join(root, 'scripts/bundle.mjs')], {cwd: root, stdio: 'inherit'})
await import('./run.js')
