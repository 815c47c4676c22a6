/**
 * Measuring and wrapping text by the columns it takes on a terminal: colour codes take none,
 * East Asian wide characters (a policy name from miyabi.yaml may hold some) take two.
 */

const ANSI = /\u001B\[[0-9;]*m/g
const ANSI_AT_START = /^\u001B\[[0-9;]*m/

/** Code points that a terminal draws two columns wide (CJK, Hangul, full-width forms, emoji). */
const WIDE: [number, number][] = [
  [0x11_00, 0x11_5f],
  [0x2e_80, 0x30_3e],
  [0x30_41, 0x33_ff],
  [0x34_00, 0x4d_bf],
  [0x4e_00, 0x9f_ff],
  [0xa0_00, 0xa4_cf],
  [0xac_00, 0xd7_a3],
  [0xf9_00, 0xfa_ff],
  [0xfe_30, 0xfe_4f],
  [0xff_00, 0xff_60],
  [0xff_e0, 0xff_e6],
  [0x1_f3_00, 0x1_f6_4f],
  [0x1_f9_00, 0x1_f9_ff],
  [0x2_00_00, 0x3_ff_fd],
]

function charWidth(codePoint: number): number {
  if (codePoint < 0x3_00) return codePoint < 0x20 ? 0 : 1
  if (codePoint >= 0x3_00 && codePoint <= 0x3_6f) return 0 // combining accents
  for (const [from, to] of WIDE) if (codePoint >= from && codePoint <= to) return 2
  return 1
}

/** Columns the text takes on a terminal (one line; colour codes excluded). */
export function displayWidth(text: string): number {
  let width = 0
  for (const ch of text.replaceAll(ANSI, '')) width += charWidth(ch.codePointAt(0)!)
  return width
}

/** The widest line of a possibly multi-line text. */
export function blockWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map(line => displayWidth(line)))
}

/** Pads to `width` columns on the left or the right. */
export function pad(text: string, width: number, align: 'left' | 'right' | 'center' = 'left'): string {
  const gap = Math.max(0, width - displayWidth(text))
  if (align === 'right') return ' '.repeat(gap) + text
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2))
  return text + ' '.repeat(gap)
}

/** A word cut into pieces of at most `width` columns (colour codes stay with the next character). */
function breakWord(word: string, width: number): string[] {
  const pieces: string[] = []
  let piece = ''
  let used = 0
  let rest = word
  while (rest.length > 0) {
    const code = ANSI_AT_START.exec(rest)?.[0]
    if (code) {
      piece += code
      rest = rest.slice(code.length)
      continue
    }

    const ch = String.fromCodePoint(rest.codePointAt(0)!)
    const w = charWidth(ch.codePointAt(0)!)
    if (used + w > width && used > 0) {
      pieces.push(piece)
      piece = ''
      used = 0
    }

    piece += ch
    used += w
    rest = rest.slice(ch.length)
  }

  if (piece !== '' || pieces.length === 0) pieces.push(piece)
  return pieces
}

/**
 * Greedy word wrap to `width` columns. Spaces inside a line are kept as they are (aligned
 * columns stay aligned); at a break they are dropped. Words wider than a line are cut, so
 * nothing is lost. A line already short enough comes back as it is.
 */
export function wrap(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text]
  const lines: string[] = []
  let line = ''
  let used = 0
  let gap = ''
  for (const token of text.split(/( +)/)) {
    if (token === '') continue
    if (token.startsWith(' ')) {
      gap = token
      continue
    }

    const w = displayWidth(token)
    if (used > 0 && used + gap.length + w <= width) {
      line += gap + token
      used += gap.length + w
    } else {
      if (used > 0) lines.push(line)
      // Leading spaces of the text stay; those at a break go.
      const lead = used === 0 && lines.length === 0 ? gap : ''
      const pieces = lead.length + w > width ? breakWord(token, Math.max(1, width - lead.length)) : [token]
      pieces[0] = lead + pieces[0]
      lines.push(...pieces.slice(0, -1))
      line = pieces.at(-1)!
      used = displayWidth(line)
    }

    gap = ''
  }

  if (line !== '' || lines.length === 0) lines.push(line)
  return lines
}

/**
 * A line wrapped to `width` with a hanging indent: the first line starts with `indent`, the
 * following ones with `indent` plus two spaces, so a wrapped line reads as one item.
 */
export function wrapIndented(text: string, width: number, indent: string): string[] {
  const first = wrap(text, Math.max(1, width - indent.length))
  if (first.length === 1) return [indent + first[0]]
  const hanging = `${indent}  `
  const [head, ...rest] = first
  const tail = wrap(rest.join(' '), Math.max(1, width - hanging.length))
  return [indent + head, ...tail.map(l => hanging + l)]
}

/** The longest word (the narrowest a column can get without cutting a word). */
export function longestWord(text: string): number {
  return Math.max(0, ...text.split(/[\n ]/).map(w => displayWidth(w)))
}
