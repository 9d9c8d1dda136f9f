extension HTMLScript {
  /// The list, its filters, the detail panel, and start-up.
  static let list = #"""
    // The scenario list (failures first, rendered in chunks so 10,000 rows stay responsive), its filters, and
    // the detail panel.
    // The first rows come at once, the rest in large chunks (each chunk costs a layout, so fewer is faster).
    const FIRST_CHUNK = 300, CHUNK = 2500;
    const facts = S.map((s, i) => {
      const xs = exchanges(s);
      return {
        text: (str(s.id) + '\n' + str(s.summary)).toLowerCase(),
        family: s.family ? str(s.family) : 'none',
        tags: arr(s.tags).map(str),
        situations: new Set(xs.map(x => x.situation || 'none').concat([s.situation || 'none'])),
        retries: new Set(xs.map(x => x.retry || 'none').concat([s.retry || 'none'])),
        changed: !!DELTA[s.id],
        index: i,
      };
    });
    const order = S.map((s, i) => i).sort((a, b) => {
      const ra = (OUT[S[a].outcome] || { rank: 2 }).rank < 2 ? 0 : 1;
      const rb = (OUT[S[b].outcome] || { rank: 2 }).rank < 2 ? 0 : 1;
      return ra - rb || a - b;
    });
    const filter = { outcomes: new Set(OUTCOMES), family: '', tag: '', situation: '', retry: '', q: '', changed: false };
    const rowOf = new Array(S.length);
    let rendered = 0;
    let selected = -1;
    const ui = {};

    function matches(i) {
      const s = S[i], f = facts[i];
      if (!filter.outcomes.has(s.outcome)) return false;
      if (filter.family && f.family !== filter.family) return false;
      if (filter.tag && !f.tags.includes(filter.tag)) return false;
      if (filter.situation && !f.situations.has(filter.situation)) return false;
      if (filter.retry && !f.retries.has(filter.retry)) return false;
      if (filter.changed && !f.changed) return false;
      if (filter.q && !f.text.includes(filter.q)) return false;
      return true;
    }

    function applyFilter() {
      let shown = 0;
      for (let i = 0; i < S.length; i++) {
        const m = matches(i);
        if (m) shown++;
        const row = rowOf[i];
        if (row) row.hidden = !m;
      }
      ui.count.textContent = 'showing ' + shown + ' of ' + S.length;
      ui.empty.hidden = shown !== 0;
      for (const box of ui.outcomeBoxes) box.checked = filter.outcomes.has(box.value);
      for (const k of ['family', 'tag', 'situation', 'retry']) ui[k].value = filter[k];
      if (ui.changed) ui.changed.checked = filter.changed;
      if (ui.search.value.trim().toLowerCase() !== filter.q) ui.search.value = filter.q;
    }

    function setFilter(f) {
      filter.outcomes = new Set(f.outcomes || OUTCOMES);
      filter.family = f.family || '';
      filter.tag = f.tag || '';
      filter.situation = f.situation || '';
      filter.retry = f.retry || '';
      filter.q = f.q || '';
      filter.changed = !!f.changed;
      applyFilter();
      ui.list.scrollIntoView({ block: 'start' });
    }

    function options(values, all) {
      const counts = new Map();
      for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
      return [h('option', { value: '', text: all })].concat([...counts.keys()].sort().map(v =>
        h('option', { value: v, text: v + ' (' + counts.get(v) + ')' })));
    }

    function filtersBar() {
      const counts = { passed: 0, failed: 0, errored: 0, skipped: 0 };
      for (const s of S) if (s.outcome in counts) counts[s.outcome]++;
      ui.outcomeBoxes = OUTCOMES.map(o => h('input', { type: 'checkbox', value: o, checked: true, name: 'outcome' }));
      const chips = OUTCOMES.map((o, i) => h('label', { class: 'chip o-' + o, style: '--c: var(--' + o + ')' },
        [ui.outcomeBoxes[i], OUT[o].sym + ' ' + o + ' (' + counts[o] + ')']));
      for (const box of ui.outcomeBoxes) {
        box.addEventListener('change', () => {
          if (box.checked) filter.outcomes.add(box.value); else filter.outcomes.delete(box.value);
          applyFilter();
        });
      }
      const select = (key, label, values, all) => {
        ui[key] = h('select', { id: 'filter-' + key, 'aria-label': label }, options(values, all));
        ui[key].addEventListener('change', () => { filter[key] = ui[key].value; applyFilter(); });
        return ui[key];
      };
      const allSituations = [], allRetries = [];
      for (const f of facts) { allSituations.push(...f.situations); allRetries.push(...f.retries); }
      ui.search = h('input', { type: 'search', id: 'search', placeholder: 'Search ids and summaries', 'aria-label': 'Search ids and summaries' });
      let timer = 0;
      ui.search.addEventListener('input', () => {
        clearTimeout(timer);
        timer = setTimeout(() => { filter.q = ui.search.value.trim().toLowerCase(); applyFilter(); }, 120);
      });
      const parts = [chips,
        select('family', 'Route family', facts.map(f => f.family), 'every family'),
        select('tag', 'Tag', facts.flatMap(f => f.tags), 'every tag'),
        select('situation', 'Situation', allSituations, 'every situation'),
        select('retry', 'Retry decision', allRetries, 'every retry decision'),
        ui.search];
      if (BASE) {
        ui.changed = h('input', { type: 'checkbox', id: 'filter-changed' });
        ui.changed.addEventListener('change', () => { filter.changed = ui.changed.checked; applyFilter(); });
        parts.push(h('label', null, [ui.changed, 'changed since baseline']));
      }
      parts.push(h('button', { type: 'button', id: 'clear', text: 'Clear filters', onclick: () => setFilter({}) }));
      ui.count = h('span', { class: 'count', id: 'count', 'aria-live': 'polite' });
      parts.push(ui.count);
      return h('section', { class: 'filters', id: 'filters', 'aria-label': 'Filters' }, parts);
    }

    function row(i) {
      const s = S[i], d = DELTA[s.id];
      const nd = exchanges(s).reduce((a, x) => a + arr(x.diagnoses).length, 0);
      const nf = exchanges(s).reduce((a, x) => a + arr(x.findings).length, 0);
      const notes = [];
      if (nd) notes.push(h('span', { title: nd + ' diagnoses', text: '\u25cf ' + nd + ' ' }));
      if (nf) notes.push(h('span', { title: nf + ' findings', text: '\u25c6 ' + nf }));
      const tr = h('div', { class: 'row', role: 'row', tabindex: 0, 'data-index': i, 'data-outcome': s.outcome }, [
        h('div', { role: 'cell' }, badge(s.outcome)),
        h('div', { role: 'cell', class: 'id' }, [h('code', { text: str(s.id) }),
          d ? d.kinds.map(k => h('span', { class: 'delta ' + DELTA_STYLE[k], text: k })) : null,
          h('span', { class: 'sum', text: str(s.summary) })]),
        h('div', { role: 'cell', text: s.family || '' }),
        h('div', { role: 'cell', class: 'answer', text: answerLine(s) }),
        h('div', { role: 'cell', text: fmtMs(s.durationMs) }),
        h('div', { role: 'cell' }, notes),
      ]);
      tr.hidden = !matches(i);
      return tr;
    }

    function renderChunk() {
      const frag = document.createDocumentFragment();
      const end = Math.min(order.length, rendered + (rendered ? CHUNK : FIRST_CHUNK));
      for (; rendered < end; rendered++) {
        const i = order[rendered];
        rowOf[i] = row(i);
        frag.appendChild(rowOf[i]);
      }
      ui.tbody.appendChild(frag);
      if (!API.firstRowsAt) API.firstRowsAt = performance.now();
      if (rendered < order.length) {
        setTimeout(renderChunk, 0);
      } else {
        document.documentElement.setAttribute('data-rendered', 'all');
        API.readyAt = performance.now();
        API.ready = true;
      }
    }

    function listTable() {
      ui.tbody = h('div', { class: 'rows', role: 'rowgroup' });
      ui.tbody.addEventListener('click', ev => {
        const tr = ev.target.closest('.row[data-index]');
        if (tr) openDetail(Number(tr.getAttribute('data-index')));
      });
      ui.tbody.addEventListener('keydown', ev => {
        const tr = ev.target.closest('.row[data-index]');
        if (tr && (ev.key === 'Enter' || ev.key === ' ')) { ev.preventDefault(); openDetail(Number(tr.getAttribute('data-index'))); }
      });
      ui.empty = h('p', { class: 'empty', id: 'no-match', text: 'No scenario matches the filters.', hidden: true });
      ui.list = h('section', { id: 'list', 'aria-label': 'Scenarios' }, [
        h('div', { class: 'list', id: 'scenarios', role: 'table', 'aria-label': 'Scenarios, failures first' }, [
          h('div', { class: 'row head', role: 'row' }, ['outcome', 'scenario', 'family', 'answer', 'time', 'notes'].map(t =>
            h('div', { role: 'columnheader', text: t, class: t === 'answer' ? 'answer' : null }))),
          ui.tbody,
        ]),
        ui.empty,
      ]);
      return ui.list;
    }

    function openDetail(i) {
      if (!(i >= 0 && i < S.length)) return;
      if (selected >= 0 && rowOf[selected]) rowOf[selected].classList.remove('selected');
      selected = i;
      if (rowOf[i]) rowOf[i].classList.add('selected');
      const panel = ui.detail;
      panel.replaceChildren();
      add(panel, [h('button', { type: 'button', class: 'close', id: 'close-detail', text: 'Close',
        onclick: closeDetail }), detailView(i)]);
      panel.hidden = false;
      panel.scrollTop = 0;
      panel.querySelector('.close').focus();
      setHash('#scenario=' + encodeURIComponent(S[i].id));
    }

    // The address names the open scenario; updates are coalesced (browsers throttle frequent history changes).
    let pendingHash = null;
    function setHash(hash) {
      const first = pendingHash === null;
      pendingHash = hash;
      if (!first) return;
      setTimeout(() => {
        const target = pendingHash || location.pathname + location.search;
        pendingHash = null;
        try { history.replaceState(null, '', target); } catch (e) { /* file:// may refuse */ }
      }, 200);
    }

    function closeDetail() {
      ui.detail.hidden = true;
      setHash('');
      if (selected >= 0 && rowOf[selected]) rowOf[selected].focus();
    }

    const API = { ready: false, total: S.length, firstRowsAt: 0, readyAt: 0, open: openDetail, close: closeDetail };
    window.anyintReport = API;

    function start() {
      const app = document.getElementById('app');
      ui.detail = h('aside', { id: 'detail', hidden: true, 'aria-label': 'Scenario detail' });
      const onTotal = o => setFilter({ outcomes: [o] });
      app.replaceChildren(patterns(), header(onTotal),
        h('main', null, [charts(setFilter), filtersBar(), listTable()]), ui.detail);
      document.addEventListener('keydown', ev => { if (ev.key === 'Escape' && !ui.detail.hidden) closeDetail(); });
      applyFilter();
      renderChunk();
      const m = /^#scenario=(.*)$/.exec(location.hash);
      if (m) {
        let id = '';
        try { id = decodeURIComponent(m[1]); } catch (e) { id = ''; }
        const i = S.findIndex(s => s.id === id);
        if (i >= 0) openDetail(i);
      }
    }

    start();
    })();

    """#
}
