extension HTMLScript {
  /// The charts: outcomes by route family, answers by retry-table row, latency per route, timings breakdown.
  static let charts = #"""
    // Charts: inline SVG; every bar carries its number as text and a pattern besides its colour.
    const OUTCOME_FILL = { passed: 'var(--passed)', failed: 'var(--failed)', errored: 'var(--errored)',
      skipped: 'var(--skipped)' };
    const OUTCOME_PATTERN = { failed: 'url(#pat-hatch)', errored: 'url(#pat-dots)', skipped: 'url(#pat-cross)' };
    const RETRY_FILL = { yes: 'var(--t1)', usually: 'var(--t5)', later: 'var(--t2)', poll: 'var(--t3)',
      'no-immediate-retry': 'var(--t4)', no: 'var(--t6)' };

    function patterns() {
      const p = (id, children) => sv('pattern', { id: id, width: 6, height: 6, patternUnits: 'userSpaceOnUse' },
        children);
      const ink = 'stroke: rgba(0,0,0,.45); stroke-width: 1.4';
      return sv('svg', { width: 0, height: 0, 'aria-hidden': 'true', style: 'position:absolute' }, sv('defs', null, [
        p('pat-hatch', sv('path', { d: 'M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5', style: ink })),
        p('pat-dots', sv('circle', { cx: 3, cy: 3, r: 1.3, style: 'fill: rgba(0,0,0,.45)' })),
        p('pat-cross', sv('path', { d: 'M0,3 L6,3', style: ink })),
      ]));
    }

    function truncate(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

    function swatch(fill, pattern) {
      return sv('svg', { viewBox: '0 0 14 14', 'aria-hidden': 'true' }, [
        sv('rect', { x: 0, y: 0, width: 14, height: 14, rx: 2, style: 'fill:' + fill }),
        pattern ? sv('rect', { x: 0, y: 0, width: 14, height: 14, rx: 2, style: 'fill:' + pattern }) : null,
      ]);
    }

    function legend(entries) {
      return h('div', { class: 'legend' }, entries.map(e => h('span', null, [swatch(e[1], e[2]), e[0]])));
    }

    function figure(id, title, body, note) {
      return h('figure', { class: 'chart', id: id }, [h('figcaption', { text: title }), body,
        note ? h('p', { class: 'note', text: note }) : null]);
    }

    // Horizontal bars: rows of [label, segments, total text, title]; a segment is {value, fill, pattern, onclick}.
    function barChart(rows, opts) {
      const labelW = opts.labelW || 150, barW = 360, rowH = 22, textW = 110;
      const width = labelW + barW + textW, height = rows.length * rowH + 4;
      const max = Math.max(1, ...rows.map(r => r.segments.reduce((a, s) => a + s.value, 0)));
      const g = [];
      rows.forEach((r, i) => {
        const y = i * rowH + 2;
        g.push(sv('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end' }, [truncate(r.label, opts.labelChars || 24),
          sv('title', { text: r.label })]));
        let x = labelW;
        for (const s of r.segments) {
          if (!s.value) continue;
          const w = Math.max(2, s.value / max * barW);
          const seg = sv('g', { class: s.onclick ? 'clickable' : null, tabindex: s.onclick ? 0 : null,
            role: s.onclick ? 'button' : null, 'aria-label': s.title }, [
            sv('rect', { x: x, y: y + 2, width: w, height: rowH - 6, style: 'fill:' + s.fill }),
            s.pattern ? sv('rect', { x: x, y: y + 2, width: w, height: rowH - 6, style: 'fill:' + s.pattern }) : null,
            sv('title', { text: s.title }),
          ]);
          if (s.onclick) {
            seg.addEventListener('click', s.onclick);
            seg.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); s.onclick(); } });
          }
          g.push(seg);
          x += w;
        }
        g.push(sv('text', { x: x + 6, y: y + 14, class: 'muted', text: r.text }));
      });
      return sv('svg', { class: 'plot', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
        'aria-label': opts.label }, g);
    }

    function outcomeChart(setFilter) {
      const by = new Map();
      for (const s of S) {
        const f = s.family || 'none';
        if (!by.has(f)) by.set(f, { passed: 0, failed: 0, errored: 0, skipped: 0 });
        const c = by.get(f);
        if (s.outcome in c) c[s.outcome]++;
      }
      const rows = [...by.keys()].sort().map(f => {
        const c = by.get(f);
        const total = OUTCOMES.reduce((a, o) => a + c[o], 0);
        const bad = c.failed + c.errored;
        return {
          label: f,
          segments: OUTCOMES.map(o => ({ value: c[o], fill: OUTCOME_FILL[o], pattern: OUTCOME_PATTERN[o],
            title: f + ': ' + c[o] + ' ' + o, onclick: () => setFilter({ family: f, outcomes: [o] }) })),
          text: total + (bad ? ' (' + bad + ' \u2717)' : ''),
        };
      });
      return figure('chart-outcomes', 'Outcomes by route family', rows.length
        ? [barChart(rows, { label: 'Outcomes by route family', labelW: 110 }),
          legend(OUTCOMES.map(o => [OUT[o].sym + ' ' + o, OUTCOME_FILL[o], OUTCOME_PATTERN[o]]))]
        : h('p', { class: 'empty', text: 'No scenarios.' }));
    }

    function retryChart(setFilter) {
      const count = Object.create(null);
      for (const s of S) for (const x of exchanges(s)) if (x.situation) count[x.situation] = (count[x.situation] || 0) + 1;
      const table = DATA.retryTable || [];
      const known = new Set(table.map(r => r.situation));
      const rows = table.filter(r => count[r.situation]).map(r => ({
        label: r.situation + ' \u2192 ' + (r.retry || 'no decision'),
        segments: [{ value: count[r.situation], fill: RETRY_FILL[r.retry] || 'var(--skipped)',
          title: r.situation + ' (' + r.documented + '): ' + count[r.situation] + ' answers; retry ' +
            (r.retry || 'no decision') + '. ' + r.guidance,
          onclick: () => setFilter({ situation: r.situation }) }],
        text: String(count[r.situation]),
      }));
      for (const k of Object.keys(count)) {
        if (!known.has(k)) rows.push({ label: k, segments: [{ value: count[k], fill: 'var(--skipped)', title: k }], text: String(count[k]) });
      }
      const empty = table.filter(r => !count[r.situation]).length;
      return figure('chart-retry', 'Answers by retry-table row', rows.length
        ? [barChart(rows, { label: 'Answers by retry-table row', labelW: 230, labelChars: 38 }),
          legend(Object.keys(RETRY_FILL).map(k => ['retry ' + k, RETRY_FILL[k]]))]
        : h('p', { class: 'empty', text: 'No answers.' }),
      empty ? empty + ' documented rows had no answer in this run.' : null);
    }

    function latencyChart() {
      const routes = (DATA.routes || []).slice().sort((a, b) => b.p95 - a.p95 || a.route.localeCompare(b.route));
      const shown = routes.slice(0, 30);
      const labelW = 260, barW = 280, textW = 170, rowH = 30;
      const width = labelW + barW + textW, height = shown.length * rowH + 4;
      const max = Math.max(1, ...shown.map(r => r.p95));
      const g = [];
      shown.forEach((r, i) => {
        const y = i * rowH + 2;
        g.push(sv('text', { x: labelW - 6, y: y + 17, 'text-anchor': 'end' }, [truncate(r.route, 42),
          sv('title', { text: r.route + ' (' + r.count + ' answers)' })]));
        const w50 = Math.max(1, r.p50 / max * barW), w95 = Math.max(1, r.p95 / max * barW);
        g.push(sv('rect', { x: labelW, y: y + 3, width: w50, height: 10, style: 'fill:var(--p50)' },
          sv('title', { text: 'p50 ' + fmtMs(r.p50) })));
        g.push(sv('rect', { x: labelW, y: y + 15, width: w95, height: 10, style: 'fill:var(--p95)' },
          sv('title', { text: 'p95 ' + fmtMs(r.p95) })));
        g.push(sv('rect', { x: labelW, y: y + 15, width: w95, height: 10, style: 'fill:url(#pat-hatch)' }));
        g.push(sv('text', { x: labelW + w95 + 6, y: y + 17, class: 'muted',
          text: 'p50 ' + fmtMs(r.p50) + ' \u00b7 p95 ' + fmtMs(r.p95) }));
      });
      const note = (routes.length > shown.length ? 'The 30 slowest of ' + routes.length + ' routes. ' : '') +
        'Latency is time to the answer\'s headers; on the fixture mock it is the recorded delay.';
      return figure('chart-latency', 'Latency per route (p50 and p95)', shown.length
        ? [sv('svg', { class: 'plot', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
          'aria-label': 'Latency per route' }, g),
          legend([['p50', 'var(--p50)'], ['p95', 'var(--p95)', 'url(#pat-hatch)']])]
        : h('p', { class: 'empty', text: 'No answers with a latency.' }), note);
    }

    function timingsChart() {
      const routes = (DATA.routes || []).filter(r => r.timings && Object.keys(r.timings).length);
      if (!routes.length) {
        return figure('chart-timings', 'Timings breakdown', h('p', { class: 'empty',
          text: 'No timings in this run: live runs show DNS, connect, TLS, first byte and total per route, where the transport gives them.' }));
      }
      const names = [];
      for (const r of routes) for (const k of Object.keys(r.timings)) if (!names.includes(k)) names.push(k);
      const fills = ['var(--t1)', 'var(--t2)', 'var(--t3)', 'var(--t4)', 'var(--t5)', 'var(--t6)'];
      const pats = [null, 'url(#pat-hatch)', 'url(#pat-dots)', 'url(#pat-cross)', null, 'url(#pat-hatch)'];
      const shown = routes.slice(0, 20);
      const labelW = 260, barW = 280, textW = 160, barH = 11;
      const rowH = names.length * (barH + 2) + 10;
      const width = labelW + barW + textW, height = shown.length * rowH + 4;
      const max = Math.max(1, ...shown.map(r => Math.max(...names.map(n => r.timings[n] || 0))));
      const g = [];
      shown.forEach((r, i) => {
        const y = i * rowH + 2;
        g.push(sv('text', { x: labelW - 6, y: y + 12, 'text-anchor': 'end' }, [truncate(r.route, 42),
          sv('title', { text: r.route })]));
        names.forEach((n, j) => {
          const v = r.timings[n];
          if (typeof v !== 'number') return;
          const yy = y + j * (barH + 2), w = Math.max(1, v / max * barW);
          g.push(sv('rect', { x: labelW, y: yy, width: w, height: barH, style: 'fill:' + fills[j % 6] },
            sv('title', { text: n + ' ' + fmtMs(v) + ' (median)' })));
          if (pats[j % 6]) g.push(sv('rect', { x: labelW, y: yy, width: w, height: barH, style: 'fill:' + pats[j % 6] }));
          g.push(sv('text', { x: labelW + w + 4, y: yy + 9, class: 'muted', text: n.replace(/Ms$/, '') + ' ' + fmtMs(v) }));
        });
      });
      return figure('chart-timings', 'Timings breakdown (median per route)', [
        sv('svg', { class: 'plot', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Timings' }, g),
        legend(names.map((n, j) => [n, fills[j % 6], pats[j % 6]])),
      ]);
    }

    function charts(setFilter) {
      return h('section', { class: 'charts', 'aria-label': 'Charts' },
        [outcomeChart(setFilter), retryChart(setFilter), latencyChart(), timingsChart()]);
    }

    """#
}
