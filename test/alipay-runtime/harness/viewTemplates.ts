/**
 * What the view layer would do with a node of the setData tree, read from the build's own
 * base.axml: Taro renders node `nn` with template `tmpl_0_<nn>`, whose root tag binds the events
 * the view layer forwards to the page's `eh` (onTap="eh", ...) and maps the short data keys
 * (p0, p1, ...) to the component's attributes (disabled="{{i.p1}}").
 */
export interface ViewTemplate {
  /** The native component the template renders: view, button, text, image, ... */
  tag: string
  /** attribute -> the data key it reads (e.g. disabled -> p1), for attributes bound to i.<key>. */
  attrs: Record<string, string>
  /** Events bound to the page's handler: 'tap', 'touchStart', ... (from onTap="eh" / catchTap="eh"). */
  events: Set<string>
  /** Of those, the ones bound with catch (the view layer stops their bubbling there). */
  catches: Set<string>
}

export function parseBaseTemplates(axml: string): Map<string, ViewTemplate> {
  const out = new Map<string, ViewTemplate>()
  const tplRe = /<template name="tmpl_0_([\w-]+)">\s*<([\w-]+)([^>]*)>/g
  let m: RegExpExecArray | null
  while ((m = tplRe.exec(axml)) !== null) {
    const [, nn, tag, rawAttrs] = m
    const attrs: Record<string, string> = {}
    const events = new Set<string>()
    const catches = new Set<string>()
    const attrRe = /([\w:-]+)="([^"]*)"/g
    let a: RegExpExecArray | null
    while ((a = attrRe.exec(rawAttrs)) !== null) {
      const [, name, value] = a
      const ev = /^(on|catch)([A-Z]\w*)$/.exec(name)
      if (ev && value === 'eh') {
        const event = ev[2].charAt(0).toLowerCase() + ev[2].slice(1)
        events.add(event)
        if (ev[1] === 'catch') catches.add(event)
        continue
      }
      const key = /\bi\.(\w+)/.exec(value)
      if (key) attrs[name] = key[1]
    }
    out.set(nn, { tag, attrs, events, catches })
  }
  return out
}
