/// The HTML report's stylesheet: light and dark themes (the system's choice, or the page's toggle), and the
/// Okabe-Ito palette, which stays distinguishable with every common colour-vision deficiency. Colour is never
/// the only signal: outcomes also carry a symbol and a word, chart bars a pattern and a label.
enum HTMLStyle {
  static let css = #"""
    :root {
      color-scheme: light;
      --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
      --hover: #eef2f6; --focus: #0072b2; --shadow: 0 2px 10px rgba(0,0,0,.15);
      --passed: #009e73; --failed: #d55e00; --errored: #e69f00; --skipped: #8a8a8a;
      --p50: #0072b2; --p95: #56b4e9; --accent: #0072b2; --note: #cc79a7; --bar: #0072b2;
      --t1: #0072b2; --t2: #e69f00; --t3: #009e73; --t4: #cc79a7; --t5: #56b4e9; --t6: #d55e00;
    }
    :root[data-theme="dark"] {
      color-scheme: dark;
      --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b1; --line: #30363d; --panel: #161b22;
      --hover: #1f2630; --focus: #56b4e9; --shadow: 0 2px 12px rgba(0,0,0,.6);
      --passed: #2bc79a; --failed: #ff7a2e; --errored: #f0b429; --skipped: #a0a0a0;
      --p50: #3d9be0; --p95: #8fd0f5; --accent: #56b4e9; --note: #e49bc6; --bar: #3d9be0;
    }
    @media (prefers-color-scheme: dark) {
      :root:not([data-theme="light"]) {
        color-scheme: dark;
        --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b1; --line: #30363d; --panel: #161b22;
        --hover: #1f2630; --focus: #56b4e9; --shadow: 0 2px 12px rgba(0,0,0,.6);
        --passed: #2bc79a; --failed: #ff7a2e; --errored: #f0b429; --skipped: #a0a0a0;
        --p50: #3d9be0; --p95: #8fd0f5; --accent: #56b4e9; --note: #e49bc6; --bar: #3d9be0;
      }
    }
    * { box-sizing: border-box; }
    html { background: var(--bg); color: var(--fg); }
    body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12.5px; }
    pre { white-space: pre-wrap; word-break: break-all; background: var(--panel);
      border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 4px 0; }
    a { color: var(--accent); }
    button, select, input { font: inherit; color: var(--fg); background: var(--bg);
      border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; }
    button { cursor: pointer; }
    button:hover { background: var(--hover); }
    :focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
    header.top { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
    header.top h1 { font-size: 20px; margin: 0 0 6px; display: flex; gap: 12px; align-items: center;
      flex-wrap: wrap; }
    header.top .spacer { flex: 1; }
    header.top h1 button { font-size: 13px; font-weight: normal; }
    .meta { display: flex; flex-wrap: wrap; gap: 4px 20px; color: var(--muted); margin: 0; }
    .meta div { display: flex; gap: 6px; }
    .meta dt { font-weight: 600; }
    .meta dd { margin: 0; color: var(--fg); }
    .totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 4px; }
    .total { border: 1px solid var(--line); border-left: 6px solid var(--c, var(--line));
      border-radius: 6px; padding: 4px 12px; background: var(--panel); }
    .total b { font-size: 18px; margin-right: 6px; }
    .o-passed { --c: var(--passed); } .o-failed { --c: var(--failed); }
    .o-errored { --c: var(--errored); } .o-skipped { --c: var(--skipped); }
    .badge { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap;
      border: 1px solid var(--c, var(--line)); border-radius: 10px; padding: 0 7px;
      font-size: 12px; font-weight: 600; }
    .badge::before { content: attr(data-sym); color: var(--c); font-size: 13px; }
    .baseline { margin: 10px 0 0; padding: 8px 12px; border-radius: 6px; background: var(--panel);
      border: 1px solid var(--line); border-left: 6px solid var(--c, var(--passed)); }
    .baseline.regressed { --c: var(--failed); }
    .baseline summary { cursor: pointer; font-weight: 600; }
    .baseline ul { margin: 6px 0; padding-left: 20px; }
    main { padding: 12px 24px 40px; }
    .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 14px;
      margin-bottom: 18px; }
    figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px;
      background: var(--bg); min-width: 0; }
    figure.chart figcaption { font-weight: 600; margin-bottom: 6px; }
    figure.chart .note { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
    svg.plot { width: 100%; height: auto; display: block; overflow: visible; }
    svg.plot text { fill: var(--fg); font-size: 11px; }
    svg.plot text.muted { fill: var(--muted); }
    svg.plot .clickable { cursor: pointer; }
    svg.plot .clickable:hover { opacity: .8; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted);
      margin-top: 6px; }
    .legend span { display: inline-flex; align-items: center; gap: 5px; }
    .legend svg { width: 14px; height: 14px; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center;
      padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel);
      position: sticky; top: 0; z-index: 2; }
    .filters label { display: inline-flex; align-items: center; gap: 5px; }
    .filters input[type="search"] { min-width: 240px; flex: 1; }
    .filters select { max-width: 240px; }
    .chip { border: 1px solid var(--c); border-radius: 14px; padding: 2px 10px; cursor: pointer;
      user-select: none; }
    .chip input { margin: 0 2px 0 0; accent-color: var(--c); }
    .count { color: var(--muted); margin-left: auto; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    th { font-size: 12px; color: var(--muted); font-weight: 600; }
    .list { margin-top: 8px; }
    .list .row { display: grid; grid-template-columns: 92px minmax(0, 1fr) 90px minmax(0, 30%) 80px 90px;
      border-bottom: 1px solid var(--line); cursor: pointer;
      content-visibility: auto; contain-intrinsic-size: auto 58px; }
    .list .row[hidden] { display: none; }
    .list .row > div { padding: 5px 8px; min-width: 0; }
    .list .row.head { cursor: default; font-size: 12px; color: var(--muted); font-weight: 600;
      content-visibility: visible; }
    .list .rows .row:hover, .list .row.selected { background: var(--hover); }
    .list .id { overflow-wrap: anywhere; }
    .list .id .sum { display: block; color: var(--muted); font-size: 12px; }
    .list .answer { color: var(--muted); overflow-wrap: anywhere; }
    .delta { font-size: 11px; border-radius: 8px; padding: 0 6px; margin-left: 6px;
      border: 1px dashed var(--c, var(--muted)); }
    .empty { color: var(--muted); padding: 20px; text-align: center; }
    #detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(760px, 100%);
      background: var(--bg); border-left: 1px solid var(--line); box-shadow: var(--shadow);
      overflow-y: auto; padding: 16px 20px 40px; z-index: 5; }
    #detail[hidden] { display: none; }
    #detail h2 { font-size: 17px; margin: 0 0 4px; display: flex; gap: 8px; align-items: center;
      overflow-wrap: anywhere; padding-right: 70px; }
    #detail h3 { font-size: 14px; margin: 16px 0 4px; border-bottom: 1px solid var(--line);
      padding-bottom: 2px; }
    #detail h4 { font-size: 13px; margin: 12px 0 2px; }
    #detail .close { position: absolute; top: 14px; right: 16px; }
    #detail dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
    #detail dt { color: var(--muted); }
    #detail dd { margin: 0; overflow-wrap: anywhere; }
    #detail td { overflow-wrap: anywhere; }
    #detail .step { border: 1px solid var(--line); border-radius: 8px; padding: 4px 12px 10px;
      margin: 10px 0; }
    .check-failed td:first-child { box-shadow: inset 4px 0 0 var(--failed); }
    .check-held td:first-child { box-shadow: inset 4px 0 0 var(--passed); }
    .explain { color: var(--muted); font-size: 12.5px; margin: 2px 0 8px; }
    .muted { color: var(--muted); }
    .noscript { padding: 24px; }
    @media (max-width: 700px) {
      header.top, main { padding-left: 10px; padding-right: 10px; }
      .charts { grid-template-columns: 1fr; }
      .list .row { grid-template-columns: 80px minmax(0, 1fr) 70px 60px 50px; }
      .list .answer { display: none; }
    }

    """#
}
