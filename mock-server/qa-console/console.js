/*
 * The QA console (/qa): plain browser JavaScript, no build step. It talks to the mock server's
 * documented mock-only API, the same one the end-to-end tests use:
 *   GET  /api/mock/personas                      the personas and their traits
 *   POST /api/mock/personas/:id/reset            Reset
 *   GET|PATCH|DELETE /api/mock/scenarios         the switches (PATCH: a switch given replaces it, null turns it off)
 *   GET  /api/mock/events (EventSource)          the live API log
 * Test ids: qa-persona-<id>, qa-start-<id>, qa-reset-<id>, qa-scope, qa-face-outcome, qa-latency(-operation),
 * qa-inject-operation, qa-inject-kind, qa-inject-hold, qa-inject-apply, qa-clock-offset, qa-scenarios-clear,
 * qa-scenarios-state, qa-log, qa-log-filter, qa-phone.
 */
'use strict'
;(function () {
  var API = '/api'
  var APP_STORAGE_KEYS = ['ecard.session', 'ecard.issueKey']
  var CONSOLE_PERSONA_KEY = 'qa.console.persona'
  var MAX_ROWS = 500

  var $ = function (id) {
    return document.getElementById(id)
  }
  var el = function (tag, attrs, children) {
    var node = document.createElement(tag)
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k]
      else if (k === 'className') node.className = attrs[k]
      else node.setAttribute(k, attrs[k])
    })
    ;(children || []).forEach(function (c) {
      if (c) node.appendChild(c)
    })
    return node
  }

  var personas = []
  var selected = null // the persona the console works with (Start as, or a click on its card)
  var current = { active: false, global: {}, personas: {}, operationIds: [] }
  var logFilter = ''

  function say(message, isError) {
    var status = $('qa-status')
    status.textContent = message
    status.classList.toggle('is-error', !!isError)
  }

  function request(method, path, body) {
    var init = { method: method, headers: { accept: 'application/json' } }
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json'
      init.body = JSON.stringify(body)
    }
    return fetch(API + path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null
        try {
          data = text ? JSON.parse(text) : null
        } catch (e) {
          data = null
        }
        if (!res.ok) {
          var err = new Error((data && data.code ? data.code + ': ' + data.message : 'HTTP ' + res.status) + ' (' + method + ' ' + path + ')')
          throw err
        }
        return data
      })
    })
  }

  // --- the phone ---------------------------------------------------------------------------

  function appUrl(id) {
    return '/?persona=' + encodeURIComponent(id) + '#/pages/home/index'
  }

  function forgetAppSession() {
    // the app runs on this origin: its storage is ours
    APP_STORAGE_KEYS.forEach(function (k) {
      try {
        localStorage.removeItem(k)
      } catch (e) {
        /* storage blocked */
      }
    })
  }

  function loadPhone(id, forceReload) {
    var frame = $('qa-phone')
    var url = appUrl(id)
    if (forceReload && frame.getAttribute('src') === url && frame.contentWindow) {
      try {
        frame.contentWindow.location.replace(url)
        frame.contentWindow.location.reload()
      } catch (e) {
        frame.setAttribute('src', url)
      }
    } else {
      frame.setAttribute('src', url)
    }
    $('qa-phone-persona').textContent = id
    $('qa-phone-open').setAttribute('href', url)
  }

  function startAs(id) {
    forgetAppSession()
    select(id)
    try {
      localStorage.setItem(CONSOLE_PERSONA_KEY, id)
    } catch (e) {
      /* storage blocked */
    }
    loadPhone(id, true)
    say('Started the app as ' + id + '.')
  }

  function reset(id) {
    request('POST', '/mock/personas/' + encodeURIComponent(id) + '/reset', {})
      .then(function () {
        if ($('qa-phone-persona').textContent === id) forgetAppSession()
        say('Reset ' + id + ' on the server (claim, card, tokens).')
      })
      .catch(function (e) {
        say(e.message, true)
      })
  }

  // --- personas ----------------------------------------------------------------------------

  function renderPersonas() {
    var list = $('qa-personas')
    list.textContent = ''
    personas.forEach(function (p) {
      var traits = el('ul', { className: 'qa-persona__traits', 'aria-label': 'traits', 'data-testid': 'qa-traits-' + p.id })
      p.traits.forEach(function (t) {
        traits.appendChild(el('li', { className: 'qa-trait qa-trait--' + t, text: t }))
      })
      var start = el('button', { type: 'button', className: 'qa-start', 'data-testid': 'qa-start-' + p.id, 'aria-label': 'Start the app as ' + p.id, text: 'Start as' })
      var resetButton = el('button', { type: 'button', 'data-testid': 'qa-reset-' + p.id, 'aria-label': 'Reset ' + p.id + ' on the server', text: 'Reset' })
      start.addEventListener('click', function (ev) {
        ev.stopPropagation()
        startAs(p.id)
      })
      resetButton.addEventListener('click', function (ev) {
        ev.stopPropagation()
        reset(p.id)
      })
      var item = el('li', { className: 'qa-persona', 'data-testid': 'qa-persona-' + p.id, 'data-persona': p.id, tabindex: '0', 'aria-label': p.id + ': ' + p.traits.join(', ') }, [
        el('div', {}, [el('span', { className: 'qa-persona__id', text: p.id }), el('span', { className: 'qa-persona__name', text: p.name })]),
        el('div', { className: 'qa-persona__actions' }, [start, resetButton]),
        traits,
        el('div', { className: 'qa-persona__scenario', 'data-testid': 'qa-persona-scenario-' + p.id }),
      ])
      item.addEventListener('click', function () {
        select(p.id)
      })
      item.addEventListener('keydown', function (ev) {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault()
          select(p.id)
        }
      })
      list.appendChild(item)
    })
    var scope = $('qa-scope')
    var filter = $('qa-log-filter')
    personas.forEach(function (p) {
      scope.appendChild(el('option', { value: p.id, text: 'Persona ' + p.id + ' only' }))
      filter.appendChild(el('option', { value: p.id, text: p.id }))
    })
    filter.appendChild(el('option', { value: '-', text: '(no persona)' }))
  }

  function select(id) {
    selected = id
    Array.prototype.forEach.call(document.querySelectorAll('.qa-persona'), function (node) {
      node.setAttribute('aria-current', node.getAttribute('data-persona') === id ? 'true' : 'false')
    })
    $('qa-scope').value = id
    renderControls()
  }

  // --- scenarios ---------------------------------------------------------------------------

  function scopeKey() {
    return $('qa-scope').value
  }

  function switchesInScope() {
    var key = scopeKey()
    return (key === 'global' ? current.global : current.personas[key]) || {}
  }

  /** PATCH the switches of the chosen scope. */
  function patchScope(switches, what) {
    var key = scopeKey()
    var body = key === 'global' ? { global: switches } : { personas: {} }
    if (key !== 'global') body.personas[key] = switches
    return request('PATCH', '/mock/scenarios', body)
      .then(function (state) {
        showState(state)
        say(what + ' (' + (key === 'global' ? 'global' : key) + ').')
      })
      .catch(function (e) {
        say(e.message, true)
        refreshState()
      })
  }

  function fillOperations(ids) {
    ;['qa-inject-operation', 'qa-latency-operation'].forEach(function (selectId) {
      var select = $(selectId)
      var keep = select.value
      Array.prototype.slice.call(select.options).forEach(function (o) {
        if (o.value !== '*') select.removeChild(o)
      })
      ids.forEach(function (id) {
        select.appendChild(el('option', { value: id, text: id }))
      })
      if (keep) select.value = keep
      else if (selectId === 'qa-inject-operation' && ids.indexOf('issueCard') >= 0) select.value = 'issueCard'
    })
  }

  function describe(s) {
    var parts = []
    if (s.faceOutcome) parts.push('face ' + s.faceOutcome)
    if (s.latencyMs) {
      Object.keys(s.latencyMs).forEach(function (k) {
        parts.push('latency ' + k + ' ' + s.latencyMs[k] + 'ms')
      })
    }
    if (s.injectOnce) parts.push(s.injectOnce.kind + ' on ' + s.injectOnce.operationId)
    if (s.clockOffsetMs) parts.push('clock ' + (s.clockOffsetMs > 0 ? '+' : '') + Math.round(s.clockOffsetMs / 60000) + ' min')
    return parts.join(' · ')
  }

  function showState(state) {
    var known = current.operationIds.join(',')
    current = state
    if (state.operationIds.join(',') !== known) fillOperations(state.operationIds)
    var lines = []
    var g = describe(state.global)
    lines.push('global: ' + (g || 'off'))
    Object.keys(state.personas).forEach(function (id) {
      lines.push(id + ': ' + (describe(state.personas[id]) || 'off'))
    })
    if (!state.active) lines = ['all off']
    $('qa-scenarios-state').textContent = lines.join('\n')
    personas.forEach(function (p) {
      var node = document.querySelector('[data-testid="qa-persona-scenario-' + p.id + '"]')
      if (node) node.textContent = state.personas[p.id] ? 'scenario: ' + describe(state.personas[p.id]) : ''
    })
    renderControls()
  }

  function renderControls() {
    var s = switchesInScope()
    $('qa-face-outcome').value = s.faceOutcome || ''
    var op = $('qa-latency-operation').value || '*'
    var latency = s.latencyMs && s.latencyMs[op]
    if (document.activeElement !== $('qa-latency')) $('qa-latency').value = latency ? String(latency) : ''
    if (document.activeElement !== $('qa-clock-offset')) $('qa-clock-offset').value = s.clockOffsetMs ? String(Math.round(s.clockOffsetMs / 60000)) : ''
    $('qa-inject-apply').textContent = s.injectOnce ? 'Re-arm (armed: ' + s.injectOnce.kind + ' on ' + s.injectOnce.operationId + ')' : 'Arm'
  }

  function refreshState() {
    return request('GET', '/mock/scenarios')
      .then(showState)
      .catch(function (e) {
        say(e.message, true)
      })
  }

  function wireControls() {
    $('qa-scope').addEventListener('change', function () {
      var key = scopeKey()
      if (key !== 'global') select(key)
      else renderControls()
    })
    $('qa-face-outcome').addEventListener('change', function () {
      var v = $('qa-face-outcome').value
      patchScope({ faceOutcome: v || null }, v ? 'Face result: ' + v : 'Face result: off')
    })
    $('qa-latency-operation').addEventListener('change', renderControls)
    $('qa-latency').addEventListener('change', function () {
      var op = $('qa-latency-operation').value || '*'
      var ms = Math.max(0, Math.round(Number($('qa-latency').value) || 0))
      var map = {}
      map[op] = ms || null
      patchScope({ latencyMs: map }, ms ? 'Latency ' + op + ': ' + ms + ' ms' : 'Latency ' + op + ': off')
    })
    $('qa-inject-apply').addEventListener('click', function () {
      var fault = { operationId: $('qa-inject-operation').value, kind: $('qa-inject-kind').value }
      var hold = $('qa-inject-hold').value
      if (fault.kind === 'timeout' && hold !== '') fault.holdMs = Math.max(0, Math.round(Number(hold)))
      patchScope({ injectOnce: fault }, 'Armed ' + fault.kind + ' on the next ' + fault.operationId)
    })
    $('qa-clock-offset').addEventListener('change', function () {
      var minutes = Math.round(Number($('qa-clock-offset').value) || 0)
      patchScope({ clockOffsetMs: minutes ? minutes * 60000 : null }, minutes ? 'Clock offset ' + minutes + ' min' : 'Clock offset: off')
    })
    $('qa-scenarios-clear').addEventListener('click', function () {
      request('DELETE', '/mock/scenarios')
        .then(function (state) {
          showState(state)
          say('Every scenario is off.')
        })
        .catch(function (e) {
          say(e.message, true)
        })
    })
    $('qa-log-filter').addEventListener('change', function () {
      logFilter = $('qa-log-filter').value
      Array.prototype.forEach.call($('qa-log-body').rows, applyFilter)
    })
    $('qa-log-clear').addEventListener('click', function () {
      $('qa-log-body').textContent = ''
    })
  }

  // --- the live log ------------------------------------------------------------------------

  function applyFilter(row) {
    var p = row.getAttribute('data-persona')
    row.hidden = !!logFilter && (logFilter === '-' ? p !== '' : p !== logFilter)
  }

  function time(iso) {
    var d = new Date(iso)
    if (isNaN(d.getTime())) return iso
    var pad = function (n, w) {
      return String(n).padStart(w || 2, '0')
    }
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3)
  }

  function addRow(e) {
    var cls = e.status >= 500 ? 'is-5xx' : e.status >= 400 ? 'is-4xx' : e.status >= 300 ? 'is-3xx' : 'is-2xx'
    var cells = [
      ['time', time(e.at)],
      ['persona', e.personaId || ''],
      ['method', e.method],
      ['route', e.route || '(unknown route)'],
      ['operation', e.operationId || ''],
      ['status', String(e.status)],
      ['ms', String(Math.round(e.durationMs)) + (e.delayMs ? ' (+' + e.delayMs + ')' : '')],
      ['code', e.errorCode || ''],
      ['fault', e.fault || ''],
    ]
    var row = el(
      'tr',
      { className: cls, 'data-testid': 'qa-log-row', 'data-event-id': String(e.id), 'data-status': String(e.status), 'data-operation': e.operationId || '', 'data-persona': e.personaId || '', 'data-fault': e.fault || '' },
      cells.map(function (c) {
        return el('td', { className: 'qa-log__' + c[0], text: c[1] })
      }),
    )
    applyFilter(row)
    var body = $('qa-log-body')
    body.insertBefore(row, body.firstChild)
    while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1)
    // a one-shot fault was used up: show the switches as they are now
    if (e.fault) refreshState()
  }

  function connectLog() {
    var conn = $('qa-log-conn')
    var source = new EventSource(API + '/mock/events')
    var seen = 0
    source.addEventListener('open', function () {
      conn.textContent = 'live'
      conn.classList.add('is-live')
    })
    source.addEventListener('error', function () {
      conn.textContent = 'reconnecting…'
      conn.classList.remove('is-live')
    })
    source.addEventListener('api', function (msg) {
      var e
      try {
        e = JSON.parse(msg.data)
      } catch (err) {
        return
      }
      // after a reconnect the server resends only what we missed (Last-Event-ID); never show one twice
      if (e.id <= seen) return
      seen = e.id
      addRow(e)
    })
  }

  // --- start -------------------------------------------------------------------------------

  function init() {
    wireControls()
    connectLog()
    request('GET', '/mock/personas')
      .then(function (list) {
        personas = list
        renderPersonas()
        var remembered = null
        try {
          remembered = localStorage.getItem(CONSOLE_PERSONA_KEY)
        } catch (e) {
          remembered = null
        }
        var first = personas.some(function (p) {
          return p.id === remembered
        })
          ? remembered
          : personas[0] && personas[0].id
        if (first) {
          loadPhone(first, false)
          selected = first
          Array.prototype.forEach.call(document.querySelectorAll('.qa-persona'), function (node) {
            node.setAttribute('aria-current', node.getAttribute('data-persona') === first ? 'true' : 'false')
          })
        }
        return refreshState()
      })
      .catch(function (e) {
        say(e.message, true)
      })
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init)
  else init()
})()
