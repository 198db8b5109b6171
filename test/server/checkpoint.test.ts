/** WAL checkpoints run on a worker thread (mock-server/store: startCheckpointer), not in a request's commit. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openStore, type Store } from '../../mock-server/store'

/** Pages in the database file itself (its header, bytes 28..31): it grows only when a checkpoint copies the WAL in. */
const pagesInFile = (file: string): number => {
  const fd = fs.openSync(file, 'r')
  try {
    const header = Buffer.alloc(32)
    fs.readSync(fd, header, 0, 32, 0)
    return header.readUInt32BE(28)
  } finally {
    fs.closeSync(fd)
  }
}

let dir: string
let store: Store | undefined
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckpt-'))
})
afterEach(() => {
  store?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

// The server's own connection has SQLite's automatic checkpoint off: without the worker the WAL would
// grow for ever and the file never would.
it('the checkpointer copies the WAL into the database file within seconds', async () => {
  const file = path.join(dir, 'db.sqlite')
  store = openStore(file)
  const before = pagesInFile(file)
  // about 2,000 pages of writes: past SQLite's default automatic checkpoint (1,000 pages)
  for (let i = 0; i < 4000; i++) store.insertSession(`${i}`.padStart(64, 'f') + 'x'.repeat(900), 'access', 'eligible-zhang', i, i + 1)
  const deadline = Date.now() + 10_000
  while (pagesInFile(file) <= before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  expect(pagesInFile(file)).toBeGreaterThan(before + 100)
})

// close() waits for the worker's connection, so the server's own closes last: SQLite then folds the
// WAL in and removes it with the shared-memory file. Nothing touches the directory afterwards.
describe('closing the store', () => {
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms))

  it('leaves the database file alone once the checkpointer has its connection open', async () => {
    const file = path.join(dir, 'db.sqlite')
    store = openStore(file)
    store.insertSession('a'.repeat(64), 'access', 'eligible-zhang', 0, 1)
    await settle(1500) // the worker has booted and checkpointed at least once
    store.close()
    store = undefined
    expect(fs.readdirSync(dir)).toEqual(['db.sqlite'])
    store = openStore(file)
    expect(store.findSession('a'.repeat(64), 'access')?.personaId).toBe('eligible-zhang')
  })

  // what the store's callers do: close, then delete the files. A worker that booted late would
  // open the database afresh, creating an empty file in a directory being removed.
  it('closed before the worker has booted: the worker never opens the database', async () => {
    const file = path.join(dir, 'db.sqlite')
    for (let i = 0; i < 5; i++) {
      openStore(file).close()
      expect(fs.readdirSync(dir)).toEqual(['db.sqlite'])
      fs.rmSync(file)
    }
    await settle(1500)
    expect(fs.readdirSync(dir)).toEqual([])
  })
})
