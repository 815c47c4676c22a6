import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

/** A running loopback HTTP server: its URL, and a stop that also drops open keep-alive sockets. */
export interface Loopback {
  url: string
  stop(): Promise<void>
}

/**
 * Listens on 127.0.0.1 (a free port) with `handle`; a handler that throws answers 500 with the
 * error, so a fake's bug shows up as a failed call rather than a hung test.
 */
export async function listenLoopback(
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Loopback> {
  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy()
      res.statusCode = 500
      res.end(String(error))
    })
  })
  server.on('connection', s => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>(resolve => {
    server.listen(0, '127.0.0.1', resolve)
  })
  return {
    async stop() {
      for (const s of sockets) s.destroy()
      await new Promise<void>(resolve => {
        server.close(() => resolve())
      })
    },
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  }
}
