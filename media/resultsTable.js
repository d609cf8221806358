// The results table page. Rows come from the extension in pages; only the rows in view are in the DOM.
// Every text from a provider or a file is set with textContent: nothing is parsed as HTML.
(function () {
  const vscode = acquireVsCodeApi();
  const ROW_HEIGHT = 26;
  const PAGE = 200;
  const viewport = document.getElementById('viewport');
  const spacer = document.getElementById('spacer');
  const status = document.getElementById('status');
  const search = document.getElementById('search');
  const count = document.getElementById('count');
  const title = document.getElementById('title');

  let total = 0;
  let counts = { all: 0, succeeded: 0, failed: 0, missing: 0 };
  /** The page's words in the display language, from the extension with each reset. */
  let text = { statuses: {}, rowStatuses: {}, oneRow: '1 row', rows: '{0} rows', filtered: '{0} of {1}', statusCounts: '{0} ({1})' };
  let locale = 'en';
  /** Rows by position in the current (filtered) list. */
  let cache = new Map();
  let requestId = 0;
  let pending = new Set();
  let selectedLine = -1;
  let searchTimer;

  function query(offset) {
    const page = Math.floor(offset / PAGE) * PAGE;
    if (pending.has(page)) return;
    pending.add(page);
    vscode.postMessage({ type: 'query', requestId, status: status.value, search: search.value, offset: page, limit: PAGE });
  }

  function restart() {
    requestId++;
    cache = new Map();
    pending = new Set();
    viewport.scrollTop = 0;
    query(0);
  }

  /** `{0}`, `{1}` in one of the page's words replaced by the values. */
  function format(template, ...values) {
    return template.replace(/\{(\d+)\}/g, (whole, index) => values[Number(index)] ?? whole);
  }

  function cell(value, className) {
    const span = document.createElement('span');
    span.textContent = value;
    span.title = value;
    if (className) span.className = className;
    return span;
  }

  function rowElement(row, index) {
    const element = document.createElement('div');
    element.className = 'row' + (row.line === selectedLine ? ' selected' : '');
    element.setAttribute('role', 'row');
    element.dataset.line = String(row.line);
    element.style.top = index * ROW_HEIGHT + 'px';
    element.append(
      cell(row.customId),
      cell(text.rowStatuses[row.status] ?? row.status, 'status-' + row.status),
      cell(row.prompt),
      cell(row.answer),
      cell(row.tokens ? row.tokens.toLocaleString(locale) : '', 'number'),
      cell(row.error, 'error'),
    );
    return element;
  }

  function render() {
    spacer.style.height = total * ROW_HEIGHT + 'px';
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(total, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT) + 5);
    const elements = [];
    for (let index = first; index < last; index++) {
      const row = cache.get(index);
      if (row) elements.push(rowElement(row, index));
      else query(index);
    }
    spacer.replaceChildren(...elements);
    const shown = total === 1 ? text.oneRow : format(text.rows, total.toLocaleString(locale));
    count.textContent = status.value === 'all' && !search.value ? shown : format(text.filtered, shown, counts.all.toLocaleString(locale));
  }

  function labelStatuses() {
    for (const option of status.options) {
      option.textContent = format(text.statusCounts, text.statuses[option.value] ?? option.value, (counts[option.value] ?? 0).toLocaleString(locale));
    }
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'reset') {
      title.textContent = message.title;
      counts = message.counts;
      text = message.text;
      locale = message.locale;
      labelStatuses();
      restart();
    } else if (message.type === 'rows' && message.requestId === requestId) {
      pending.delete(message.offset);
      total = message.total;
      message.rows.forEach((row, index) => cache.set(message.offset + index, row));
      render();
    }
  });

  viewport.addEventListener('scroll', () => window.requestAnimationFrame(render));
  window.addEventListener('resize', () => window.requestAnimationFrame(render));
  status.addEventListener('change', restart);
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(restart, 150);
  });
  spacer.addEventListener('click', (event) => {
    const row = event.target.closest('.row');
    if (!row) return;
    selectedLine = Number(row.dataset.line);
    render();
    vscode.postMessage({ type: 'open', line: selectedLine });
  });

  vscode.postMessage({ type: 'ready' });
})();
