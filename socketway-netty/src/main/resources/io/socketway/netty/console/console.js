// The Socketway console: polls the gateway's own endpoints (config.json, @connections, metrics, alarms, usage) and
// renders them. Every value from the server is written with textContent, never as HTML: user agents and alarm
// reasons are strings that clients and templates control.
'use strict';

(() => {
  const KEY_STORAGE = 'socketway.console.key';
  const HISTORY = 60;            // chart points kept: 2 minutes at the default 2 s poll
  const LATENCY_WINDOW_MS = 60000;
  const KPI_WINDOW_MS = 10000;    // the rates in the top row are averages over this window
  const USAGE_EVERY = 5;         // polls between usage reports
  const MAX_LISTED = 5000;       // connections listed per stage (pages of 1000)

  const $ = id => document.getElementById(id);
  const state = {
    key: readKey(),
    config: null,
    stage: null,
    timer: null,
    polls: 0,
    samples: [],                 // [{ at, metrics }] newest last
    rates: { messages: [], received: [], connects: [], disconnects: [] },
    rows: new Map(),             // connectionId -> <tr>
    selected: null,
    usageMissing: false,
  };

  // ---- requests ----

  function readKey() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY_STORAGE) || 'null');
    } catch (e) {
      return null;
    }
  }

  class HttpError extends Error {
    constructor(status, message, type) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }

  async function call(method, path, accept) {
    const headers = {};
    if (state.key) {
      Object.assign(headers, await SigV4.sign({ method, url: path }, state.key));
    }
    const response = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit' });
    const text = await response.text();
    if (!response.ok) {
      let message = response.statusText;
      try {
        message = JSON.parse(text).message || message;
      } catch (e) {
        // not JSON: keep the status text
      }
      throw new HttpError(response.status, message, response.headers.get('x-amzn-ErrorType') || '');
    }
    return accept === 'text' ? text : text ? JSON.parse(text) : null;
  }

  function connectionsPath(stage, id) {
    const base = '/' + encodeURIComponent(stage) + '/@connections';
    return id === undefined ? base : base + '/' + encodeURIComponent(id);
  }

  // ---- start, sign-in ----

  async function boot() {
    try {
      state.config = await call('GET', '/_socketway/console/config.json');
    } catch (e) {
      return refused(e);
    }
    $('signin').hidden = true;
    $('fatal').hidden = true;
    $('app').hidden = false;
    $('who').hidden = !state.key;
    $('who-key').textContent = state.key ? state.key.accessKeyId : '';
    $('api-name').textContent = `${state.config.apiName} · ${state.config.apiId} · ${state.config.region}`;
    renderStages();
    selectStage(state.config.stages[0]);
    poll();
  }

  function refused(error) {
    stopPolling();
    const unsigned = error instanceof HttpError && error.status === 403 && !state.key;
    if (error instanceof HttpError && error.status === 403 && (state.key || /Authentication Token/.test(error.message))) {
      return showSignIn(unsigned ? '' : `403 Forbidden: ${error.message}`);
    }
    $('app').hidden = true;
    $('signin').hidden = true;
    $('fatal').hidden = false;
    $('fatal-message').textContent = error instanceof HttpError ? `${error.status}: ${error.message}` : String(error);
    setStatus('error', 'Not connected');
  }

  function showSignIn(message) {
    $('app').hidden = true;
    $('fatal').hidden = true;
    $('signin').hidden = false;
    $('signin-error').textContent = message;
    const region = document.querySelector('meta[name="socketway-region"]').content;
    $('key-region').value = state.key ? state.key.region : region;
    $('key-id').value = state.key ? state.key.accessKeyId : $('key-id').value;
    $('key-secret').value = '';
    setStatus('signin', 'Sign-in required');
    (state.key ? $('key-secret') : $('key-id')).focus();
  }

  $('signin-form').addEventListener('submit', event => {
    event.preventDefault();
    state.key = {
      accessKeyId: $('key-id').value.trim(),
      secretAccessKey: $('key-secret').value,
      region: $('key-region').value.trim(),
    };
    sessionStorage.setItem(KEY_STORAGE, JSON.stringify(state.key));
    $('signin-error').textContent = 'Checking…';
    boot();
  });

  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    state.key = null;
    location.reload();
  });

  // ---- polling ----

  function stopPolling() {
    clearTimeout(state.timer);
    state.timer = null;
  }

  async function poll() {
    stopPolling();
    const started = Date.now();
    const jobs = [loadConnections(), loadMetrics(), loadAlarms()];
    if (state.polls++ % USAGE_EVERY === 0 && !state.usageMissing) {
      jobs.push(loadUsage());
    }
    const results = await Promise.allSettled(jobs);
    const denied = results.find(r => r.status === 'rejected' && r.reason instanceof HttpError && r.reason.status === 403);
    if (denied) {
      return refused(denied.reason);
    }
    const failed = results.find(r => r.status === 'rejected');
    setStatus(failed ? 'degraded' : 'live', failed ? `Partial data: ${failed.reason.message}`
      : `Live · updated ${new Date().toLocaleTimeString()}`);
    state.timer = setTimeout(poll, Math.max(200, state.config.pollMillis - (Date.now() - started)));
  }

  function setStatus(kind, text) {
    $('status').dataset.state = kind;
    $('status-text').textContent = text;
  }

  // ---- stages ----

  function renderStages() {
    const nav = $('stages');
    nav.replaceChildren(...state.config.stages.map(stage => {
      const button = el('button', { type: 'button', 'data-stage': stage }, stage, el('span', { class: 'count' }, ''));
      button.addEventListener('click', () => {
        selectStage(stage);
        poll();
      });
      return button;
    }));
  }

  function selectStage(stage) {
    state.stage = stage;
    state.rows.forEach(row => row.remove());
    state.rows.clear();
    hideDetails();
    state.rates = { messages: [], received: [], connects: [], disconnects: [] };
    for (const button of $('stages').children) {
      button.classList.toggle('active', button.dataset.stage === stage);
    }
    $('conn-stage').textContent = '· ' + stage;
  }

  // ---- connections ----

  async function loadConnections() {
    const stage = state.stage;
    const items = [];
    let token = '';
    do {
      const query = '?limit=1000' + (token ? '&nextToken=' + encodeURIComponent(token) : '');
      const page = await call('GET', connectionsPath(stage) + query);
      items.push(...page.items);
      token = page.nextToken || '';
    } while (token && items.length < MAX_LISTED);
    if (stage === state.stage) {
      renderConnections(items, Boolean(token));
    }
  }

  function renderConnections(items, truncated) {
    const tbody = $('connections').tBodies[0];
    const seen = new Set();
    for (const item of items) {
      seen.add(item.connectionId);
      let row = state.rows.get(item.connectionId);
      if (!row) {
        row = connectionRow(item);
        state.rows.set(item.connectionId, row);
        tbody.append(row);
      }
      row.cells[4].textContent = ago(item.lastActiveAt);
      row.cells[4].title = item.lastActiveAt;
      row.cells[3].textContent = ago(item.connectedAt);
    }
    for (const [id, row] of state.rows) {
      if (!seen.has(id)) {
        removeRow(id);
      }
    }
    $('conn-count').textContent = items.length + (truncated ? '+' : '');
    if (!state.config.paths.metrics) {
      $('kpi-open').textContent = $('conn-count').textContent;
    }
    filterConnections();
  }

  function connectionRow(item) {
    const close = el('button', { type: 'button', class: 'danger small', 'data-action': 'close' }, 'Close');
    close.addEventListener('click', event => {
      event.stopPropagation();
      closeConnection(item.connectionId, close);
    });
    const row = el('tr', { 'data-connection-id': item.connectionId },
      el('td', { class: 'mono' }, item.connectionId),
      el('td', { class: 'mono' }, item.identity.sourceIp),
      el('td', { class: 'ua', title: item.identity.userAgent }, item.identity.userAgent || '—'),
      el('td', { title: item.connectedAt }, ago(item.connectedAt)),
      el('td', { title: item.lastActiveAt }, ago(item.lastActiveAt)),
      el('td', { class: 'actions' }, close));
    row.dataset.search = [item.connectionId, item.identity.sourceIp, item.identity.userAgent].join(' ').toLowerCase();
    row.addEventListener('click', () => showDetails(item.connectionId));
    return row;
  }

  function removeRow(id) {
    const row = state.rows.get(id);
    if (row) {
      row.remove();
      state.rows.delete(id);
    }
    if (state.selected === id) {
      $('details-state').textContent = 'This connection has closed.';
      $('details-close').disabled = true;
    }
  }

  function filterConnections() {
    const words = $('conn-search').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of state.rows.values()) {
      row.hidden = !words.every(w => row.dataset.search.includes(w));
      shown += row.hidden ? 0 : 1;
    }
    $('conn-state').textContent = state.rows.size === 0 ? 'No open connections on this stage.'
      : shown === 0 ? 'No connection matches the filter.' : '';
    $('conn-state').hidden = $('conn-state').textContent === '';
  }

  $('conn-search').addEventListener('input', filterConnections);

  async function showDetails(id) {
    state.selected = id;
    for (const row of state.rows.values()) {
      row.classList.toggle('selected', row.dataset.connectionId === id);
    }
    $('details').hidden = false;
    $('details-close').disabled = false;
    $('details-state').textContent = 'Loading…';
    try {
      const c = await call('GET', connectionsPath(state.stage, id));
      if (state.selected !== id) {
        return;
      }
      const fields = [['Connection id', id], ['Stage', state.stage], ['Source IP', c.identity.sourceIp],
        ['User agent', c.identity.userAgent || '—'], ['Connected at', c.connectedAt], ['Last active at', c.lastActiveAt]];
      $('details-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
      $('details-state').textContent = '';
    } catch (e) {
      $('details-state').textContent = e.status === 410 ? 'This connection has closed (410 Gone).' : `${e.message}`;
      $('details-close').disabled = e.status === 410;
    }
  }

  function hideDetails() {
    state.selected = null;
    $('details').hidden = true;
    for (const row of state.rows.values()) {
      row.classList.remove('selected');
    }
  }

  $('details-hide').addEventListener('click', hideDetails);
  $('details-close').addEventListener('click', () => closeConnection(state.selected, $('details-close')));

  async function closeConnection(id, button) {
    button.disabled = true;
    try {
      await call('DELETE', connectionsPath(state.stage, id));
      toast(`Closed ${id} (1000)`);
      removeRow(id);
      filterConnections();
    } catch (e) {
      if (e.status === 410) {
        toast(`${id} had already closed`);
        removeRow(id);
        filterConnections();
      } else if (e.status === 403) {
        refused(e);
      } else {
        button.disabled = false;
        toast(`Could not close ${id}: ${e.message}`);
      }
    }
  }

  // ---- metrics ----

  // Parses Prometheus text into [{ name, labels, value }].
  function parseMetrics(text) {
    const out = [];
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) {
        continue;
      }
      const m = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
      if (!m) {
        continue;
      }
      const labels = {};
      const re = /([A-Za-z_]\w*)="((?:[^"\\]|\\.)*)"/g;
      for (let l; (l = re.exec(m[2] || '')) !== null;) {
        labels[l[1]] = l[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
      }
      out.push({ name: m[1], labels, value: m[3] === '+Inf' ? Infinity : Number(m[3]) });
    }
    return out;
  }

  function sum(metrics, name, stage) {
    return metrics.filter(s => s.name === name && (stage === undefined || s.labels.stage === stage))
      .reduce((total, s) => total + s.value, 0);
  }

  async function loadMetrics() {
    const path = state.config.paths.metrics;
    if (!path) {
      $('metrics-state').textContent = 'Metrics are off on this node (--no-metrics): no charts or latencies.';
      return;
    }
    const metrics = parseMetrics(await call('GET', path, 'text'));
    const now = Date.now();
    state.samples.push({ at: now, metrics });
    while (state.samples.length > 2 && now - state.samples[1].at > LATENCY_WINDOW_MS) {
      state.samples.shift();
    }
    renderRates(metrics);
    renderLatency(metrics);
    renderStageCounts(metrics);
  }

  function renderStageCounts(metrics) {
    for (const button of $('stages').children) {
      const open = sum(metrics, 'socketway_connections_open', button.dataset.stage);
      button.querySelector('.count').textContent = String(open);
    }
    $('kpi-open').textContent = String(sum(metrics, 'socketway_connections_open', state.stage));
  }

  const COUNTERS = {
    messages: ['MessageCount_total'],
    received: ['socketway_messages_received_total'],
    connects: ['ConnectCount_total'],
    disconnects: ['socketway_disconnects_total'],
    errors: ['ClientError_total', 'IntegrationError_total', 'ExecutionError_total'],
  };

  function renderRates(metrics) {
    const stage = state.stage;
    const totals = {};
    for (const [key, names] of Object.entries(COUNTERS)) {
      totals[key] = names.reduce((t, n) => t + sum(metrics, n, stage), 0);
    }
    const previous = state.lastTotals && state.lastTotals.stage === stage ? state.lastTotals : null;
    const now = Date.now();
    if (previous) {
      const seconds = Math.max(0.001, (now - previous.at) / 1000);
      const rate = key => Math.max(0, totals[key] - previous.totals[key]) / seconds;
      for (const key of Object.keys(state.rates)) {
        state.rates[key].push(rate(key));
        if (state.rates[key].length > HISTORY) {
          state.rates[key].shift();
        }
      }
    }
    state.lastTotals = { stage, at: now, totals };
    state.kpiTotals = (state.kpiTotals || []).filter(k => k.stage === stage && now - k.at <= KPI_WINDOW_MS);
    state.kpiTotals.push(state.lastTotals);
    const oldest = state.kpiTotals[0];
    if (oldest !== state.lastTotals) {
      const seconds = (now - oldest.at) / 1000;
      for (const key of ['messages', 'connects', 'disconnects', 'errors']) {
        setKpi('kpi-' + key, Math.max(0, totals[key] - oldest.totals[key]) / seconds);
      }
    }
    const every = state.config.pollMillis / 1000;
    Charts.line($('chart-messages'), [
      { color: '#2563eb', values: state.rates.messages },
      { color: '#14b8a6', values: state.rates.received }], HISTORY, every);
    Charts.line($('chart-connections'), [
      { color: '#16a34a', values: state.rates.connects },
      { color: '#dc2626', values: state.rates.disconnects }], HISTORY, every);
    $('metrics-state').textContent = previous ? '' : 'Collecting the first two samples…';
  }

  function setKpi(id, value) {
    $(id).textContent = value >= 100 ? value.toFixed(0) : value.toFixed(1);
    $(id).dataset.value = String(value);
  }

  // Buckets of IntegrationLatency_seconds by stage and route: { key: { stage, route, buckets: [[le, count]], count, max } }
  function latencySeries(metrics) {
    const series = {};
    const of = s => {
      const key = s.labels.stage + '\u0000' + (s.labels.route || '');
      return series[key] || (series[key] = { stage: s.labels.stage, route: s.labels.route || '', buckets: [], count: 0, max: 0 });
    };
    for (const s of metrics) {
      if (s.name === 'IntegrationLatency_seconds_bucket') {
        of(s).buckets.push([Number(s.labels.le === '+Inf' ? Infinity : s.labels.le), s.value]);
      } else if (s.name === 'IntegrationLatency_seconds_count') {
        of(s).count = s.value;
      } else if (s.name === 'IntegrationLatency_seconds_max') {
        of(s).max = s.value;
      }
    }
    Object.values(series).forEach(x => x.buckets.sort((a, b) => a[0] - b[0]));
    return series;
  }

  // As Prometheus' histogram_quantile: linear interpolation inside the bucket that holds the rank.
  function quantile(q, buckets) {
    const total = buckets.length ? buckets[buckets.length - 1][1] : 0;
    if (!(total > 0)) {
      return null;
    }
    const rank = q * total;
    let lower = 0;
    let below = 0;
    for (const [le, count] of buckets) {
      if (count >= rank) {
        if (le === Infinity) {
          return lower;
        }
        return lower + (le - lower) * ((rank - below) / Math.max(1e-12, count - below));
      }
      lower = le;
      below = count;
    }
    return lower;
  }

  function renderLatency(metrics) {
    const current = latencySeries(metrics);
    const old = latencySeries(state.samples[0].metrics);
    const rows = Object.values(current).filter(x => x.stage === state.stage && x.count > 0).map(x => {
      const before = old[x.stage + '\u0000' + x.route];
      const window = x.buckets.map(([le, count], i) => [le, count - (before && before.buckets[i] ? before.buckets[i][1] : 0)]);
      const calls = x.count - (before ? before.count : 0);
      const source = calls > 0 ? window : x.buckets;
      return el('tr', { 'data-route': x.route },
        el('td', {}, x.stage), el('td', { class: 'mono' }, x.route || 'all routes'),
        el('td', { class: 'num' }, String(Math.round(calls))),
        ...[0.5, 0.9, 0.99].map(q => el('td', { class: 'num' + (calls > 0 ? '' : ' muted') }, ms(quantile(q, source)))),
        el('td', { class: 'num' }, ms(x.max)),
        el('td', { class: 'num muted' }, String(Math.round(x.count))));
    });
    $('latency').tBodies[0].replaceChildren(...rows);
    $('latency-state').hidden = rows.length > 0;
  }

  // ---- alarms ----

  async function loadAlarms() {
    const path = state.config.paths.alarms;
    if (!path) {
      $('alarms-state').textContent = 'Alarms are off on this node (--no-metrics).';
      $('kpi-alarms').textContent = '–';
      return;
    }
    const alarms = (await call('GET', path)).MetricAlarms || [];
    const rows = alarms.map(a => el('tr', { 'data-alarm': a.AlarmName, title: a.StateReason || '' },
      el('td', {}, el('span', { class: 'state ' + String(a.StateValue).toLowerCase() }, stateLabel(a.StateValue))),
      el('td', {}, a.AlarmName, el('div', { class: 'sub' }, a.StateReason || '')),
      el('td', { class: 'mono' }, `${a.Namespace}/${a.MetricName}`),
      el('td', { title: a.StateUpdatedTimestamp || '' }, a.StateUpdatedTimestamp ? ago(a.StateUpdatedTimestamp) : '—')));
    $('alarms').tBodies[0].replaceChildren(...rows);
    const firing = alarms.filter(a => a.StateValue === 'ALARM').length;
    $('kpi-alarms').textContent = alarms.length ? `${firing} / ${alarms.length}` : '0';
    $('kpi-alarms').classList.toggle('bad', firing > 0);
    $('alarms-note').textContent = alarms.length ? `${firing} in ALARM` : '';
    $('alarms-state').textContent = alarms.length ? '' : 'The template defines no alarms.';
    $('alarms-state').hidden = alarms.length > 0;
  }

  function stateLabel(value) {
    return value === 'INSUFFICIENT_DATA' ? 'Insufficient data' : value === 'ALARM' ? 'Alarm' : value === 'OK' ? 'OK' : value;
  }

  // ---- usage ----

  async function loadUsage() {
    let usage;
    try {
      usage = await call('GET', state.config.paths.usage);
    } catch (e) {
      if (e.status === 404) {
        state.usageMissing = true;
        $('usage-body').hidden = true;
        $('usage-panel').classList.add('collapsed');
        $('usage-state').textContent = 'Usage metering not available on this node.';
        return;
      }
      throw e;
    }
    renderUsage(usage);
  }

  function renderUsage(u) {
    const t = u.totals || {};
    const c = u.cost || {};
    const money = v => (typeof v === 'number' ? v.toFixed(v < 1 ? 4 : 2) : '—');
    const totals = [['Messages', t.messages], ['Message units (32 KB)', t.messageUnits], ['Connection minutes', t.connectionMinutes],
      ['Connections', t.connections], ['Invocations', t.invocations], ['GB-seconds', t.gbSeconds],
      ['Bytes in / out', `${bytes(t.bytesIn)} / ${bytes(t.bytesOut)}`]];
    $('usage-totals').tBodies[0].replaceChildren(...totals.map(([k, v]) =>
      el('tr', {}, el('th', {}, k), el('td', { class: 'num' }, typeof v === 'number' ? count(v) : String(v ?? '—')))));
    const costs = [['Messages', c.messages], ['Connection minutes', c.connectionMinutes], ['Lambda requests', c.lambdaRequests],
      ['Lambda duration', c.lambdaDuration]];
    $('usage-currency').textContent = u.currency || '';
    $('usage-cost').tBodies[0].replaceChildren(
      ...costs.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', { class: 'num' }, money(v)))),
      el('tr', { class: 'total' }, el('td', {}, 'Total'), el('td', { class: 'num', id: 'usage-total' }, money(c.total))));
    $('usage-stages').tBodies[0].replaceChildren(...(u.stages || []).map(s => el('tr', {},
      el('td', {}, s.stage), el('td', { class: 'num' }, count(s.totals?.messageUnits)),
      el('td', { class: 'num' }, count(s.totals?.connectionMinutes)), el('td', { class: 'num' }, count(s.totals?.invocations)),
      el('td', { class: 'num' }, money(s.cost?.total)))));
    $('usage-body').hidden = false;
    $('usage-note').textContent = `since ${u.since || '?'} · AWS prices as of ${u.pricesAsOf || '?'}`;
    $('usage-state').textContent = '';
    $('usage-state').hidden = true;
  }

  // ---- formatting, DOM ----

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      node.setAttribute(k, v);
    }
    node.append(...children.map(c => (c instanceof Node ? c : document.createTextNode(String(c ?? '')))));
    return node;
  }

  function ago(iso) {
    const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (Number.isNaN(seconds)) {
      return '—';
    }
    if (seconds < 60) {
      return seconds + ' s ago';
    }
    if (seconds < 3600) {
      return Math.floor(seconds / 60) + ' min ago';
    }
    return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min ago';
  }

  function ms(seconds) {
    if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
      return '—';
    }
    const v = seconds * 1000;
    return v >= 100 ? v.toFixed(0) + ' ms' : v >= 10 ? v.toFixed(1) + ' ms' : v.toFixed(2) + ' ms';
  }

  function count(v) {
    return typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 3 }) : '—';
  }

  function bytes(v) {
    if (typeof v !== 'number') {
      return '—';
    }
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
  }

  let toastTimer = null;
  function toast(text) {
    $('toast').textContent = text;
    $('toast').hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { $('toast').hidden = true; }, 4000);
  }

  boot();
})();
