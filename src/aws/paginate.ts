/** Follows NextToken until the last page, or until `limit` items are collected. */
export async function paginate<T>(
  fetchPage: (nextToken: string | undefined) => Promise<{items: T[] | undefined; nextToken?: string}>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = []
  let token: string | undefined
  const seen = new Set<string>()
  do {
    const page = await fetchPage(token)
    items.push(...(page.items ?? []))
    token = page.nextToken || undefined
    // A server that hands back a token it already gave would otherwise loop forever.
    if (token !== undefined) {
      if (seen.has(token)) break
      seen.add(token)
    }
  } while (token !== undefined && items.length < limit)
  return items.slice(0, limit === Number.POSITIVE_INFINITY ? undefined : limit)
}
