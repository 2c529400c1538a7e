// The live job board: one WebSocket subscription to the jobs.board channel.
// It remembers the last position it has shown, so a dropped connection resumes exactly there:
// no posting missed, none shown twice.
(function () {
  'use strict';
  const CHANNEL = 'jobs.board';
  const HISTORY_MS = 24 * 60 * 60 * 1000; // on first load, show the last day of the board
  const board = document.getElementById('board');
  const empty = document.getElementById('empty');
  const statusEl = document.getElementById('status');
  const positionEl = document.getElementById('position');
  const cards = new Map();
  let lastPosition = null;
  let retryDelay = 500;

  function setStatus(text, cls) {
    statusEl.textContent = text;
    statusEl.className = 'status ' + cls;
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + location.host + '/ws');
    socket.onopen = function () {
      retryDelay = 500;
      const from = lastPosition
        ? { position: lastPosition }
        : { time: new Date(Date.now() - HISTORY_MS).toISOString() };
      socket.send(JSON.stringify({ type: 'subscribe', channel: CHANNEL, from: from, ref: 'board' }));
    };
    socket.onmessage = function (message) {
      const frame = JSON.parse(message.data);
      if (frame.type === 'subscribed') {
        setStatus('live', 'live');
      } else if (frame.type === 'event' && frame.channel === CHANNEL) {
        show(frame.data);
        lastPosition = frame.position;
        positionEl.textContent = frame.position;
      } else if (frame.type === 'error') {
        setStatus('error: ' + frame.code, 'connecting');
        if (frame.code === 'history-truncated') {
          lastPosition = null; // start over from what the topic still holds
          socket.close();
        }
      }
    };
    socket.onclose = function () {
      setStatus('reconnecting…', 'connecting');
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  function show(job) {
    let card = cards.get(job.jobId);
    if (!card) {
      card = document.createElement('li');
      card.className = 'posting';
      card.dataset.jobId = job.jobId;
      card.innerHTML = '<span class="title"></span><span class="badge"></span><span class="meta"></span>';
      board.prepend(card);
      cards.set(job.jobId, card);
    }
    // textContent, never innerHTML: postings are user input.
    card.querySelector('.title').textContent = job.title || '(untitled)';
    card.querySelector('.meta').textContent = [job.companyName || 'Unknown company', job.location].filter(Boolean).join(' · ');
    const closed = job.kind === 'CLOSED';
    card.querySelector('.badge').textContent = closed ? 'closed' : (job.kind === 'UPDATED' ? 'updated' : 'new');
    card.classList.toggle('closed', closed);
    card.dataset.kind = job.kind;
    card.classList.add('fresh');
    setTimeout(function () { card.classList.remove('fresh'); }, 1500);
    empty.hidden = cards.size > 0;
  }

  connect();
})();
