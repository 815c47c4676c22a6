import type {Document, LineCounter} from 'yaml'

import {UsageError} from '../errors.js'
import {groupThousands, quoteInput} from '../model/index.js'

/**
 * Limits on a config file, so that every file is read in bounded time and memory (the YAML
 * library spends a few microseconds and about a kilobyte per node, and some 40 bytes per character
 * of a double-quoted string) and no input can exhaust the stack. A real miyabi.yaml is a few
 * kilobytes: a few hundred keys and values, nested at most 8 levels.
 */
export const CONFIG_LIMITS = {
  /** Bytes in the file. */
  maxBytes: 10 * 1024 * 1024,
  /** Keys, values, list items and the indicators between them. */
  maxNodes: 50_000,
  /** Lexical tokens of any kind, blank lines and comments included. */
  maxTokens: 400_000,
  /** Characters inside double-quoted strings, all together. */
  maxDoubleQuotedChars: 1024 * 1024,
  /** Nesting of mappings and lists. */
  maxDepth: 64,
  /** Alias expansions relative to the document's size (the yaml library's guard against alias bombs). */
  maxAliasCount: 100,
} as const

/** A file name as a message may show it: as written unless it holds control characters or is very long. */
export function displayName(name: string): string {
  return /^[^\u0000-\u001f\u007f-\u009f]{1,200}$/.test(name) ? name : quoteInput(name, 200)
}

const thousands = (n: number) => groupThousands(n, 0)

/** Lexemes that are layout, not content: indentation, spaces, newlines, comments, the stream markers. */
function isLayout(lexeme: string): boolean {
  const c = lexeme[0]
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\n' ||
    c === '\r' ||
    c === '#' ||
    c === '\u0002' ||
    c === '\u001f' ||
    c === '\uFEFF'
  )
}

/**
 * Parses YAML text into exactly one document, refusing (exit 2, naming the file and the line) a
 * syntax error, more than one document, input past CONFIG_LIMITS, and duplicate keys. Linear in
 * the size of the text: the library's own duplicate-key check is quadratic, so it is done here.
 */
export async function parseYamlDocument(
  text: string,
  fileName: string,
): Promise<{doc: Document; lineCounter: LineCounter}> {
  const {Composer, Lexer, LineCounter, Parser} = await import('yaml')
  const name = displayName(fileName)
  const lineCounter = new LineCounter()
  const at = (offset: number) => `${name}:${lineCounter.linePos(offset).line}`
  // Parser.parse() would do this and the lexing; they are done here to count and stop early.
  const parser = new Parser(lineCounter.addNewLine)
  lineCounter.addNewLine(0)
  const tokens = []
  let nodes = 0
  let count = 0
  let quoted = 0
  for (const lexeme of new Lexer().lex(text)) {
    if (++count > CONFIG_LIMITS.maxTokens || (!isLayout(lexeme) && ++nodes > CONFIG_LIMITS.maxNodes))
      throw new UsageError(
        `${at(parser.offset)}: the config file is too large to be a miyabi.yaml (over ${thousands(CONFIG_LIMITS.maxNodes)} keys and values, or ${thousands(CONFIG_LIMITS.maxTokens)} lines and tokens)`,
      )
    if (lexeme[0] === '"' && (quoted += lexeme.length) > CONFIG_LIMITS.maxDoubleQuotedChars)
      throw new UsageError(
        `${at(parser.offset)}: over ${CONFIG_LIMITS.maxDoubleQuotedChars / 1024 / 1024} MB of text in double-quoted strings; a miyabi.yaml needs far less (plain or single-quoted strings have no such limit)`,
      )
    for (const token of parser.next(lexeme)) tokens.push(token)
    // The composer recurses once per level: refuse deep nesting before it can overflow the stack.
    if (parser.stack.length > CONFIG_LIMITS.maxDepth)
      throw new UsageError(`${at(parser.offset)}: mappings and lists nest deeper than ${CONFIG_LIMITS.maxDepth} levels`)
  }

  for (const token of parser.end()) tokens.push(token)
  const docs = [
    ...new Composer({logLevel: 'silent', prettyErrors: false, uniqueKeys: false}).compose(tokens, true, text.length),
  ]
  const [doc] = docs
  if (docs.length > 1)
    throw new UsageError(
      `${at(docs[1].range[0])}: a second YAML document starts here; a config file holds one (remove the "---" and what follows, or merge them)`,
    )
  const e = doc.errors[0]
  if (e)
    throw new UsageError(
      `${name}:${e.linePos?.[0].line ?? lineCounter.linePos(e.pos[0]).line}: YAML syntax error: ${cleanMessage(e.message)}`,
    )
  const bad = await firstBadKey(doc)
  if (bad?.problem === 'duplicate')
    throw new UsageError(`${at(bad.offset)}: YAML syntax error: map keys must be unique; ${bad.key} appears twice`)
  if (bad) throw new UsageError(`${at(bad.offset)}: a key must be a name, not a mapping or a list`)
  return {doc, lineCounter}
}

/** The library's message, first line only, cut and without control characters (it may quote the input). */
function cleanMessage(message: string): string {
  const line = message.split('\n')[0]
  return line.length > 200 ? `${line.slice(0, 200)}…` : line.replaceAll(/[\u0000-\u001f\u007f-\u009f]/g, '?')
}

/**
 * The first key that repeats within one mapping, or that is a mapping or a list (JavaScript objects
 * have only names as keys), in one pass over the document (a Set per mapping).
 */
async function firstBadKey(
  doc: Document,
): Promise<{problem: 'duplicate' | 'collection'; key: string; offset: number} | null> {
  const {isMap, isScalar, isSeq, isPair} = await import('yaml')
  const pending: unknown[] = [doc.contents]
  while (pending.length > 0) {
    const node = pending.pop()
    if (isSeq(node)) pending.push(...node.items)
    else if (isMap(node)) {
      const seen = new Set<string>()
      for (const pair of node.items) {
        if (!isPair(pair)) continue
        const offset = (pair.key as {range?: [number, number]} | null)?.range?.[0] ?? node.range?.[0] ?? 0
        if (isMap(pair.key) || isSeq(pair.key)) return {key: '', offset, problem: 'collection'}
        // As a JS property name: 1 and "1" are the same key once the document is plain data.
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key)
        if (seen.has(key)) return {key: quoteInput(key), offset, problem: 'duplicate'}
        seen.add(key)
        pending.push(pair.value)
      }
    }
  }

  return null
}

/**
 * The document as plain data. Alias expansion is capped: an alias bomb is an input error that
 * names the file, not the library's "Excessive alias count" failure.
 */
export function documentValue(doc: Document, fileName: string): unknown {
  try {
    return doc.toJS({maxAliasCount: CONFIG_LIMITS.maxAliasCount})
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message))
      throw new UsageError(
        `${displayName(fileName)}: YAML aliases expand to too much data (more than ${CONFIG_LIMITS.maxAliasCount} times the document); write the values out instead`,
      )
    throw error
  }
}
