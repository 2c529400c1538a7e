// Live transit: every route on one wildcard subscription, from a snapshot of their state.
// A wildcard's position is one position per partition ("0-41,1-17,2-99"); the page advances each
// partition's entry as events arrive, so a dropped connection resumes exactly where it was.
(function () {
  'use strict';
  const CHANNEL = 'transit.route.*';
  const rows = document.getElementById('routes');
  const noRoutes = document.getElementById('no-routes');
  const alerts = document.getElementById('alerts');
  const positionEl = document.getElementById('transit-position');
  const routes = new Map();       // feed:route -> its table row
  const alertItems = new Map();   // alert id -> li
  let positions = null;           // partition -> offset, once subscribed
  let retryDelay = 500;

  function encode() {
    return Object.keys(positions).sort(function (a, b) { return a - b; })
      .map(function (p) { return p + '-' + positions[p]; }).join(',');
  }

  function take(position) {
    positions = {};
    position.split(',').forEach(function (part) {
      const dash = part.indexOf('-', 1);
      positions[part.substring(0, dash)] = Number(part.substring(dash + 1));
    });
    positionEl.textContent = position;
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + location.host + '/ws');
    socket.onopen = function () {
      retryDelay = 500;
      const from = positions ? { position: encode() } : 'snapshot';
      socket.send(JSON.stringify({ type: 'subscribe', channel: CHANNEL, from: from, ref: 'transit' }));
    };
    socket.onmessage = function (message) {
      const frame = JSON.parse(message.data);
      if (frame.type === 'snapshot') {
        frame.items.forEach(function (item) { show(item.data, item.data.vehicleId ? 'transit.vehicle' : 'transit.route-summary'); });
      } else if (frame.type === 'subscribed') {
        take(frame.position);
      } else if (frame.type === 'event' && positions) {
        show(frame.data, frame.kind);
        const dash = frame.position.indexOf('-', 1);
        positions[frame.position.substring(0, dash)] = Number(frame.position.substring(dash + 1));
        positionEl.textContent = encode();
      } else if (frame.type === 'error' && frame.code === 'history-truncated') {
        positions = null; // start over from the current state
        socket.close();
      }
    };
    socket.onclose = function () {
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  function routeOf(data) {
    const key = data.feedId + ':' + data.routeId;
    let route = routes.get(key);
    if (!route) {
      const row = document.createElement('tr');
      row.innerHTML = '<td></td><td></td><td></td><td></td><td></td>';
      rows.appendChild(row);
      route = { row: row };
      routes.set(key, route);
      noRoutes.hidden = true;
    }
    return route;
  }

  function show(data, kind) {
    if (!data || !data.routeId && !data.alertId) {
      return;
    }
    if (kind === 'transit.alert' || kind === 'transit.alert-removed') {
      showAlert(data, kind === 'transit.alert-removed');
      return;
    }
    const route = routeOf(data);
    const cells = route.row.children;
    // textContent, never innerHTML: feeds are third-party input.
    cells[0].textContent = data.routeShortName || data.routeId;
    if (kind === 'transit.route-summary') {
      cells[1].textContent = data.vehiclesInService;
      cells[2].textContent = data.tripsReporting;
      cells[3].textContent = data.meanDelaySeconds == null ? '–' : Math.round(data.meanDelaySeconds / 6) / 10 + ' min';
      cells[4].textContent = data.onTimeShare == null ? '–' : Math.round(data.onTimeShare * 100) + ' %';
    }
    route.row.classList.add('fresh');
    setTimeout(function () { route.row.classList.remove('fresh'); }, 1500);
  }

  function showAlert(alert, removed) {
    const id = alert.feedId + ':' + alert.alertId;
    let item = alertItems.get(id);
    if (removed) {
      if (item) {
        item.remove();
        alertItems.delete(id);
      }
      return;
    }
    if (!item) {
      item = document.createElement('li');
      alerts.appendChild(item);
      alertItems.set(id, item);
    }
    item.textContent = (alert.header || 'Service alert') + (alert.description ? ' — ' + alert.description : '');
  }

  connect();
})();
