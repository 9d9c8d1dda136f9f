extension HTMLScript {
  /// The detail view of one scenario.
  static let detail = #"""
    // The detail view of one scenario: everything the report holds about it.
    function dl(pairs) {
      const items = [];
      for (const [k, v] of pairs) {
        if (v == null || v === '') continue;
        items.push(h('dt', { text: k }), h('dd', null, v && v.nodeType ? v : str(v)));
      }
      return items.length ? h('dl', null, items) : null;
    }

    function table(head, rows, rowClass) {
      if (!rows.length) return null;
      return h('table', null, [
        h('thead', null, h('tr', null, head.map(t => h('th', { text: t })))),
        h('tbody', null, rows.map((r, i) => h('tr', { class: rowClass ? rowClass(i) : null },
          r.map(c => h('td', null, c && c.nodeType ? c : str(c)))))),
      ]);
    }

    function headerRows(obj) {
      if (!obj || typeof obj !== 'object') return [];
      return Object.keys(obj).map(k => [h('code', { text: k }), str(obj[k])]);
    }

    function headerValue(obj, name) {
      if (!obj) return undefined;
      const want = name.toLowerCase();
      for (const k of Object.keys(obj)) if (k.toLowerCase() === want) return obj[k];
      return undefined;
    }

    // What a check that held saw, where the report keeps it.
    function heldActual(check, x) {
      const o = x.observed || {};
      if (check === 'status') return o.status;
      if (check === 'envelope') return o.envelope;
      if (check === 'situation') return x.situation;
      if (check === 'retry') return x.retry;
      if (check === 'latencyMs') return fmtMs(o.latencyMs);
      if (check === 'diagnoses') return arr(x.diagnoses).map(d => str(isObj(d) ? d.id : d)).join(', ');
      if (check.startsWith('error.')) return o.error ? str(o.error[check.slice(6)]) : undefined;
      if (check.startsWith('headers.')) return headerValue(o.headers, check.slice(8));
      if (check.startsWith('stream.') && o.stream) {
        const st = o.stream, k = check.slice(7);
        if (k === 'format') return st.format;
        if (k === 'complete') return st.complete ? 'complete' : 'incomplete';
        if (k === 'minEvents') return st.events + ' events';
        if (k === 'events') return st.eventNames;
        if (k === 'error') return st.error ? str(st.error.type || st.error.code) : 'none';
        if (k === 'order') return 'in order';
      }
      return 'held (the body is not kept in the report)';
    }

    // Every check: those the scenario file asks for (when known), each failure put beside its check.
    function checksTable(expected, x) {
      const failures = arr(x.failures).filter(isObj);
      const judged = x.outcome === 'passed' || x.outcome === 'failed';
      const used = new Set(), rows = [];
      for (const c of expected || []) {
        let j = failures.findIndex((f, n) => !used.has(n) && f.check === c.check && (!f.source || f.source === c.source));
        if (j < 0) j = failures.findIndex((f, n) => !used.has(n) && f.check === c.check);
        if (j >= 0) {
          used.add(j);
          const f = failures[j];
          rows.push({ check: c.check, expected: f.expected, actual: f.actual, source: f.source || c.source, note: f.note, result: 'failed' });
        } else {
          rows.push({ check: c.check, expected: c.expected, actual: judged ? heldActual(c.check, x) : '',
            source: c.source, result: judged ? 'held' : 'not judged' });
        }
      }
      failures.forEach((f, n) => {
        if (!used.has(n)) rows.push({ check: f.check, expected: f.expected, actual: f.actual, source: f.source, note: f.note, result: 'failed' });
      });
      if (!rows.length) return null;
      return table(['check', 'expected', 'actual', 'at', 'result'], rows.map(r => [
        h('code', { text: r.check }), r.expected, r.note ? [str(r.actual), h('div', { class: 'muted', text: 'note: ' + r.note })] : str(r.actual),
        h('code', { text: r.source || '' }),
        r.result === 'failed' ? badge('failed') : r.result === 'held'
          ? h('span', { class: 'badge o-passed', 'data-sym': '\u2713', text: 'held' }) : h('span', { class: 'muted', text: r.result }),
      ]), i => rows[i].result === 'failed' ? 'check-failed' : rows[i].result === 'held' ? 'check-held' : null);
    }

    function notesList(list, kind) {
      list = arr(list).filter(isObj);
      if (!list.length) return null;
      return h('div', null, list.map(n => {
        const e = EXPLAIN[n.id];
        return h('div', null, [
          h('div', null, [h('b', { text: kind + ' ' }), h('code', { text: n.id }), ': ' + str(n.message)]),
          e ? h('div', { class: 'explain', text: e.when + ' ' + e.action }) : null,
        ]);
      }));
    }

    function requestView(q) {
      if (!isObj(q)) return h('p', { class: 'muted', text: 'No request was sent.' });
      return [
        dl([['request', h('code', { text: str(q.method) + ' ' + str(q.target) })], ['auth', q.auth], ['key', q.key]]),
        table(['header', 'value'], headerRows(q.headers)),
      ];
    }

    function observedView(o) {
      if (!isObj(o)) return h('p', { class: 'muted', text: 'No answer.' });
      const err = o.error;
      const out = [dl([
        ['status', o.status], ['envelope', o.envelope], ['HTTP version', o.httpVersion],
        ['latency', fmtMs(o.latencyMs)], ['body bytes', o.bodyBytes],
        ['error.type', err && str(err.type)], ['error.code', err && str(err.code)],
        ['error.param', err && str(err.param)], ['error.message', err && str(err.message)],
      ])];
      if (isObj(o.timings)) {
        out.push(h('h4', { text: 'Timings' }), table(['phase', 'time'], Object.keys(o.timings).map(k => [k, fmtMs(o.timings[k])])));
      }
      if (isObj(o.stream)) {
        const st = o.stream;
        out.push(h('h4', { text: 'Stream' }), dl([
          ['format', st.format], ['complete', st.complete ? 'yes' : 'no'], ['events', st.events],
          ['event names', st.eventNames], ['first event', st.timeToFirstEventMs != null ? fmtMs(st.timeToFirstEventMs) : null],
          ['duration', fmtMs(st.durationMs)], ['longest gap', st.longestGapMs != null ? fmtMs(st.longestGapMs) : null],
          ['ended mid-event', st.endedMidEvent ? 'yes' : null],
          ['error event', st.error ? str(st.error.type || st.error.code) + ': ' + str(st.error.message) : null],
          ['problems', arr(st.problems).map(str).join('; ')],
        ]));
      }
      if (o.headers && Object.keys(o.headers).length) out.push(h('h4', { text: 'Headers' }), table(['header', 'value'], headerRows(o.headers)));
      if (o.bodyExcerpt != null) out.push(h('h4', { text: 'Body (excerpt)' }), h('pre', { text: str(o.bodyExcerpt) }));
      return out;
    }

    function sdkView(sdk) {
      if (!sdk || typeof sdk !== 'object' || !Object.keys(sdk).length) return null;
      return table(['SDK', 'retries', 'after', 'why'], Object.keys(sdk).map(k => {
        const d = sdk[k] || {};
        return [k, d.retries ? 'yes' : 'no', d.delayMs != null ? fmtMs(d.delayMs) : '-', str(d.why)];
      }));
    }

    function attemptsView(list) {
      if (!Array.isArray(list) || !list.length) return null;
      return table(['#', 'status', 'situation', 'waited', 'fault'], list.filter(isObj).map((a, i) => [i + 1,
        a.status == null ? '-' : a.status, str(a.situation), fmtMs(a.delayMs), str(a.fault)]));
    }

    function section(title, body) {
      const parts = (Array.isArray(body) ? body : [body]).filter(Boolean);
      return parts.length ? [h('h3', { text: title }), parts] : null;
    }

    function exchangeView(x, expected) {
      return [
        dl([['situation', x.situation], ['retry', x.retry], ['guidance', x.guidance], ['reason', x.reason],
          ['message', x.message], ['fault', x.fault]]),
        section('Request as sent (redacted)', requestView(x.request)),
        section('Observed answer', observedView(x.observed)),
        section('Checks', checksTable(expected, x) || h('p', { class: 'muted', text: expected
          ? 'No checks.' : 'No check failed; report.json keeps the failed checks only (the HTML a run writes lists every check).' })),
        section('Diagnoses', notesList(x.diagnoses, 'diagnosis')),
        section('Findings', notesList(x.findings, 'finding')),
        section('SDK view', sdkView(x.sdk)),
        section('Attempts', attemptsView(x.attempts)),
      ];
    }

    function stepView(st, expected) {
      const extra = [];
      if (st.kind === 'poll') {
        extra.push(dl([['polls', st.polls], ['task states', arr(st.states).map(str).join(' \u2192 ')]]));
      }
      if (arr(st.captured).length) extra.push(dl([['captured', arr(st.captured).map(str).join(', ')]]));
      if (Array.isArray(st.callbacks)) {
        extra.push(section('Callbacks', table(['type', 'task', 'shape', 'at', 'duplicate'], st.callbacks.filter(isObj).map(c =>
          [str(c.callbackType), str(c.taskId), str(c.shape), fmtMs(c.atMs), c.duplicate ? 'yes' : 'no'])) ||
          h('p', { class: 'muted', text: 'No callback arrived.' })));
      }
      return h('div', { class: 'step' }, [
        h('h4', null, [badge(st.outcome), ' step ', h('code', { text: str(st.id) }), ' (' + str(st.kind) + ', ' + fmtMs(st.durationMs) + ')']),
        extra, exchangeView(st, expected),
      ]);
    }

    // Checks as the page embeds them (positions relative to the scenario's file) with whole sources.
    function withSources(file, list) {
      if (!Array.isArray(list)) return null;
      return list.map(c => ({ check: c.check, expected: c.expected,
        source: /^[0-9]+:[0-9]+$/.test(c.at) ? file + ':' + c.at : c.at }));
    }

    function detailView(i) {
      const s = S[i];
      const exp = EXP ? EXP[i] : null;
      const steps = Array.isArray(s.steps) ? s.steps : [];
      const delta = DELTA[s.id];
      const body = [
        h('h2', null, [badge(s.outcome), h('span', { text: str(s.id) })]),
        h('p', { text: str(s.summary) }),
        dl([['file', h('code', { text: str(s.file) })], ['family', s.family], ['tags', arr(s.tags).map(str).join(', ')],
          ['duration', fmtMs(s.durationMs)], ['answer', answerLine(s)]]),
        delta ? section('Since baseline', h('ul', null, delta.texts.map(t => h('li', { text: t })))) : null,
      ];
      if (steps.length) {
        body.push(dl([['message', s.message], ['reason', s.reason]]));
        const stepExp = exp && exp.steps ? exp.steps : null;
        body.push(h('h3', { text: 'Steps (' + steps.length + ')' }));
        for (const st of steps) body.push(stepView(st, stepExp ? withSources(exp.file, stepExp[st.id] || []) : null));
        const ran = new Set(steps.map(st => st.id));
        const notRun = stepExp ? Object.keys(stepExp).filter(k => !ran.has(k)) : [];
        if (notRun.length) body.push(h('p', { class: 'muted', text: 'Steps not run: ' + notRun.join(', ') }));
        if (Array.isArray(s.failures) && s.failures.length) body.push(section('Scenario checks', checksTable([], s)));
      } else {
        body.push(exchangeView(s, exp && exp.checks ? withSources(exp.file, exp.checks) : null));
      }
      body.push(h('details', null, [h('summary', { text: 'The report.json entry' }),
        h('pre', { text: JSON.stringify(s, null, 2) })]));
      return body;
    }

    """#
}
