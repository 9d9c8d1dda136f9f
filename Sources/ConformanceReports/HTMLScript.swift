/// The HTML report's script, in four parts joined in order into one function scope: helpers, the unpacking of
/// the embedded data and the header (here), the charts, the detail view, and the list with its filters.
///
/// It builds the page with DOM calls only (`createElement`, `textContent`): nothing from a report is ever
/// parsed as HTML. It keeps a small hook for tests and tools, `window.anyintReport`, whose `ready` turns true
/// once every scenario has its row (the list is rendered in chunks so large runs stay responsive).
enum HTMLScript {
  static var source: String { core + charts + detail + list }

  static let core = #"""
    // anyint-conformance HTML report. Built from the JSON block above with DOM calls only (never HTML strings), no
    // request to any URL. Everything from the report is shown as text.
    (function () {
    'use strict';

    function unpack(p) {
      const shapes = p.shapes, table = p.table, memo = new Array(table.length);
      const done = new Uint8Array(table.length);
      function d(x) {
        if (!Array.isArray(x)) return x;
        const t = x[0];
        if (t < 0) {
          const i = -t - 1;
          if (!done[i]) { memo[i] = d(table[i]); done[i] = 1; }
          return memo[i];
        }
        if (t === 0) {
          const a = new Array(x.length - 1);
          for (let i = 1; i < x.length; i++) a[i - 1] = d(x[i]);
          return a;
        }
        const keys = shapes[t - 1], o = Object.create(null);
        for (let i = 0; i < keys.length; i++) o[keys[i]] = d(x[i + 1]);
        return o;
      }
      return d(p.root);
    }

    const DATA = unpack(JSON.parse(document.getElementById('report-data').textContent));
    const R = DATA.report || {};
    const S = R.scenarios || [];
    const EXP = DATA.expectations || null;
    const BASE = DATA.baseline || null;
    const EXPLAIN = DATA.explain || {};
    const OUTCOMES = ['failed', 'errored', 'passed', 'skipped'];
    const OUT = {
      passed: { sym: '\u2713', word: 'passed', rank: 2 },
      failed: { sym: '\u2717', word: 'failed', rank: 0 },
      errored: { sym: '!', word: 'errored', rank: 1 },
      skipped: { sym: '\u2013', word: 'skipped', rank: 3 },
    };
    const SVGNS = 'http://www.w3.org/2000/svg';

    function add(e, c) {
      if (c == null || c === false) return e;
      if (Array.isArray(c)) { for (const x of c) add(e, x); return e; }
      if (typeof c === 'object' && c.nodeType) { e.appendChild(c); return e; }
      e.appendChild(document.createTextNode(String(c)));
      return e;
    }

    function setProps(e, props) {
      if (!props) return;
      for (const k of Object.keys(props)) {
        const v = props[k];
        if (v == null || v === false) continue;
        if (k === 'text') e.textContent = String(v);
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }

    function h(tag, props, children) {
      const e = document.createElement(tag);
      setProps(e, props);
      return add(e, children);
    }

    function sv(tag, props, children) {
      const e = document.createElementNS(SVGNS, tag);
      setProps(e, props);
      return add(e, children);
    }

    function fmtMs(ms) {
      if (typeof ms !== 'number' || !isFinite(ms)) return '-';
      if (ms >= 1000) return (ms / 1000).toFixed(2) + ' s';
      if (ms >= 10) return Math.round(ms) + ' ms';
      return (Math.round(ms * 10) / 10) + ' ms';
    }

    // A report read from disk can hold anything: lists and objects are checked before use.
    function arr(v) { return Array.isArray(v) ? v : []; }
    function isObj(v) { return v !== null && typeof v === 'object'; }

    function str(v) {
      if (v == null) return '';
      if (typeof v === 'object') return JSON.stringify(v);
      return String(v);
    }

    // One element: the symbol comes from `data-sym` through CSS (a row of 10,000 costs less that way).
    function badge(outcome) {
      const o = OUT[outcome] || { sym: '?', word: String(outcome) };
      return h('span', { class: 'badge o-' + (OUT[outcome] ? outcome : 'skipped'), 'data-sym': o.sym, text: o.word });
    }

    // The exchanges of a scenario: its steps, or the scenario itself.
    function exchanges(s) {
      const steps = arr(s.steps).filter(isObj);
      return steps.length ? steps : [s];
    }

    function answerLine(x) {
      const parts = [];
      const o = x.observed;
      if (isObj(o)) {
        parts.push(String(o.status));
        if (o.envelope && o.envelope !== 'none') parts.push(o.envelope);
        if (isObj(o.stream)) {
          parts.push('stream ' + (o.stream.complete ? 'complete' : 'incomplete') + ', ' +
            o.stream.events + ' events' + (o.stream.error ? ', error event' : ''));
        }
      }
      if (x.situation) parts.push(x.situation + (x.retry ? ' \u2192 retry ' + x.retry : ''));
      if (!parts.length && x.message) parts.push(x.message);
      return parts.join(' ');
    }

    // What changed since the baseline, by scenario id.
    const DELTA = Object.create(null);
    function mark(id, kind, text) {
      const d = DELTA[id] || (DELTA[id] = { kinds: [], texts: [] });
      if (!d.kinds.includes(kind)) d.kinds.push(kind);
      d.texts.push(text);
    }
    if (BASE) {
      for (const r of BASE.regressions || []) mark(r.id, 'regression', 'regression: ' + r.from + ' \u2192 ' + r.to);
      for (const r of BASE.fixed || []) mark(r.id, 'fixed', 'fixed: ' + r.from + ' \u2192 ' + r.to);
      for (const r of BASE.added || []) mark(r.id, 'added', 'not in the baseline');
      for (const c of BASE.changed || []) mark(c.id, 'changed', c.field + ': ' + c.from + ' \u2192 ' + c.to);
      for (const kind of ['findings', 'diagnoses']) {
        for (const n of BASE[kind] || []) {
          mark(n.scenario, 'changed', (kind === 'findings' ? 'finding ' : 'diagnosis ') + n.id + ' ' +
            (n.change === 'appeared' ? 'appeared' : 'went away'));
        }
      }
    }
    const DELTA_STYLE = { regression: 'o-failed', fixed: 'o-passed', added: '', changed: '' };

    // Theme: the system's, or the one chosen with the toggle (kept across reloads where storage is allowed).
    const THEMES = ['auto', 'light', 'dark'];
    function storedTheme() {
      try { return localStorage.getItem('anyint-report-theme') || 'auto'; } catch (e) { return 'auto'; }
    }
    function applyTheme(t) {
      if (t === 'auto') delete document.documentElement.dataset.theme;
      else document.documentElement.dataset.theme = t;
      try { localStorage.setItem('anyint-report-theme', t); } catch (e) { /* storage may be off */ }
    }
    function themeButton() {
      let t = storedTheme();
      applyTheme(t);
      const b = h('button', { type: 'button', id: 'theme', title: 'Switch between the system theme, light and dark' });
      const label = () => { b.textContent = 'Theme: ' + t; };
      label();
      b.addEventListener('click', () => {
        t = THEMES[(THEMES.indexOf(t) + 1) % THEMES.length];
        applyTheme(t);
        label();
      });
      return b;
    }

    function metaItem(name, value) {
      if (value == null || value === '') return null;
      return h('div', null, [h('dt', { text: name }), h('dd', { text: str(value) })]);
    }

    function header(onTotal) {
      const t = R.target || {};
      const sum = R.summary || {};
      const counts = { passed: 0, failed: 0, errored: 0, skipped: 0 };
      for (const s of S) if (s.outcome in counts) counts[s.outcome]++;
      let target = str(t.kind);
      if (t.baseURL) target += ' ' + t.baseURL;
      if (t.fixtures) target += ' (fixtures ' + t.fixtures + ')';
      const extraTarget = Object.keys(t).filter(k => !['kind', 'baseURL', 'fixtures'].includes(k))
        .map(k => metaItem('target ' + k, t[k]));
      const tool = R.tool ? str(R.tool.name) + ' ' + str(R.tool.version) : null;
      const totals = h('div', { class: 'totals', role: 'group', 'aria-label': 'Totals' },
        OUTCOMES.map(o => h('button', {
          type: 'button', class: 'total o-' + o, 'data-outcome': o,
          title: 'Show only ' + o + ' scenarios', onclick: () => onTotal(o),
        }, [h('b', { text: counts[o] }), badge(o)])));
      const top = h('header', { class: 'top' }, [
        h('h1', null, ['AnyInt conformance report', h('span', { class: 'spacer' }), themeButton()]),
        h('dl', { class: 'meta' }, [
          metaItem('target', target), extraTarget,
          metaItem('started', R.startedAt), metaItem('duration', fmtMs(R.durationMs)),
          metaItem('scenarios', typeof sum.total === 'number' ? sum.total : S.length),
          metaItem('run id', R.runId), metaItem('interrupted', R.interrupted), metaItem('tool', tool),
        ]),
        totals,
      ]);
      if (BASE) top.appendChild(baselineBanner());
      return top;
    }

    function baselineBanner() {
      const items = [];
      const list = (title, arr, f) => {
        if (arr && arr.length) items.push(h('li', null, [h('b', { text: title + ': ' }), arr.map(f).join(', ')]));
      };
      list('regressions', BASE.regressions, r => r.id + ' (' + r.from + ' \u2192 ' + r.to + ')');
      list('fixed', BASE.fixed, r => r.id);
      list('added', BASE.added, r => r.id + ' (' + r.outcome + ')');
      list('removed', BASE.removed, r => r.id + ' (was ' + r.outcome + ')');
      list('changed', BASE.changed, c => c.id + ' ' + c.field + ' ' + c.from + ' \u2192 ' + c.to);
      list('findings', BASE.findings, n => n.id + ' ' + n.change + ' in ' + n.scenario);
      list('diagnoses', BASE.diagnoses, n => n.id + ' ' + n.change + ' in ' + n.scenario);
      list('latency', BASE.latency, l => l.route + ' ' + l.metric + ' ' + fmtMs(l.baseMs) + ' \u2192 ' +
        fmtMs(l.newMs) + ' (' + l.change + ')');
      const text = 'since baseline: ' + ((BASE.summary && BASE.summary.text) || 'no changes');
      return h('details', { class: 'baseline' + (BASE.regressed ? ' regressed' : ''), id: 'baseline' }, [
        h('summary', { text: text }),
        h('p', { class: 'muted', text: 'baseline ' + str(BASE.base && BASE.base.file) +
          (BASE.base && BASE.base.startedAt ? ', started ' + BASE.base.startedAt : '') }),
        items.length ? h('ul', null, items) : null,
      ]);
    }

    """#
}
