/**
 * The page `data` the Alipay view layer would render: Taro sends it with setData as path updates
 * ("root.cn.[0].cn[2].v": value) over a compressed tree (`cn` children, `v` text, `nn` template id,
 * `sid` node id, `cl` class, `st` style, camelCased component props). This file applies those
 * updates the way the base library does and reads the tree back.
 */

export interface MiniNode {
  sid?: string
  nn?: string
  v?: string
  cn?: MiniNode[]
  cl?: string
  [prop: string]: unknown
}

/** "root.cn.[0].cn[12].v" -> ['root', 'cn', 0, 'cn', 12, 'v'] */
export function parseDataPath(path: string): Array<string | number> {
  const out: Array<string | number> = []
  const re = /\[(\d+)\]|([^.[\]]+)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(path)) !== null) out.push(m[1] !== undefined ? Number(m[1]) : m[2])
  return out
}

/** Applies one setData call to `data` in place (the keys of `update` are data paths). */
export function applySetData(data: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(update)) {
    const keys = parseDataPath(path)
    if (keys.length === 0) continue
    let target: Record<string | number, unknown> = data
    for (let i = 0; i < keys.length - 1; i++) {
      const key = keys[i]
      const next = target[key]
      if (next === null || typeof next !== 'object') target[key] = typeof keys[i + 1] === 'number' ? [] : {}
      target = target[key] as Record<string | number, unknown>
    }
    // The view layer gets a serialised copy, never the runtime's own objects.
    target[keys[keys.length - 1]] = value === undefined ? undefined : JSON.parse(JSON.stringify(value))
  }
}

export function findBySid(node: MiniNode | undefined, sid: string): MiniNode | undefined {
  if (!node || typeof node !== 'object') return undefined
  if (node.sid === sid) return node
  for (const child of node.cn ?? []) {
    const hit = findBySid(child, sid)
    if (hit) return hit
  }
  return undefined
}

/** The nodes from the root down to the node with this sid (empty when it is not in the tree). */
export function pathToSid(node: MiniNode | undefined, sid: string): MiniNode[] {
  if (!node || typeof node !== 'object') return []
  if (node.sid === sid) return [node]
  for (const child of node.cn ?? []) {
    const below = pathToSid(child, sid)
    if (below.length) return [node, ...below]
  }
  return []
}

/** The text a node of the data tree would show: its `v` and its children's, in order. */
export function textOf(node: MiniNode | undefined): string {
  if (!node || typeof node !== 'object') return ''
  let s = typeof node.v === 'string' ? node.v : ''
  for (const child of node.cn ?? []) s += textOf(child)
  return s
}

export function countNodes(node: MiniNode | undefined): number {
  if (!node || typeof node !== 'object') return 0
  return 1 + (node.cn ?? []).reduce((n, c) => n + countNodes(c), 0)
}

/** Every node of the tree that satisfies `pred`, depth first. */
export function findAll(node: MiniNode | undefined, pred: (n: MiniNode) => boolean, out: MiniNode[] = []): MiniNode[] {
  if (!node || typeof node !== 'object') return out
  if (pred(node)) out.push(node)
  for (const child of node.cn ?? []) findAll(child, pred, out)
  return out
}
