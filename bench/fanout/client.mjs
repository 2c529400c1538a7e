// A lean load generator for bench/fanout.sh: opens many WebSocket sessions to one gateway, each
// subscribed to one channel, and measures every event's delivery latency (its publish time in the
// frame's "time" field → receipt here), without parsing the JSON of each frame.
//
//   node client.mjs <ws-url> <first-session> <sessions> <channels>
//
// Commands on stdin, answers on stdout as one JSON line each:
//   report   deliveries and a latency histogram (1 ms buckets) since the last report, then reset
//   exit     close every session and end
import WebSocket from 'ws';
import readline from 'node:readline';

const [url, firstArg, countArg, channelsArg] = process.argv.slice(2);
const first = Number(firstArg);
const count = Number(countArg);
const channels = Number(channelsArg);
const MAX_MS = 60000;
let buckets = new Uint32Array(MAX_MS + 1);
let deliveries = 0;
let since = Date.now();
let subscribed = 0;
let closedEarly = 0;
const sockets = [];

function onMessage(data) {
  const text = data.toString();
  // Every event frame carries "time":"<ISO instant>"; only events are counted.
  const at = text.indexOf('"time":"');
  if (text.startsWith('{"type":"event"') && at > 0) {
    const published = Date.parse(text.substring(at + 8, text.indexOf('"', at + 8)));
    const ms = Math.min(MAX_MS, Math.max(0, Date.now() - published));
    buckets[ms]++;
    deliveries++;
  } else if (text.includes('"type":"subscribed"')) {
    subscribed++;
    if (subscribed === count) {
      process.stdout.write(JSON.stringify({ ready: count }) + '\n');
    }
  }
}

function open(i) {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', channel: 'bench.c' + (i % channels) }));
      resolve();
    });
    socket.on('message', onMessage);
    socket.on('error', () => resolve());
    socket.on('close', (code) => { if (!exiting) { closedEarly++; } });
    sockets.push(socket);
  });
}

let exiting = false;
// Open in batches, so the gateway's accept queue is not flooded.
for (let i = first; i < first + count; i += 200) {
  const batch = [];
  for (let j = i; j < Math.min(first + count, i + 200); j++) {
    batch.push(open(j));
  }
  await Promise.all(batch);
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'report') {
    const now = Date.now();
    const histogram = {};
    buckets.forEach((n, ms) => { if (n > 0) { histogram[ms] = n; } });
    process.stdout.write(JSON.stringify({ deliveries, seconds: (now - since) / 1000, histogram, subscribed, closedEarly }) + '\n');
    buckets = new Uint32Array(MAX_MS + 1);
    deliveries = 0;
    since = now;
  } else if (line === 'exit') {
    exiting = true;
    sockets.forEach((socket) => socket.terminate());
    process.stdout.write('', () => process.exit(0));
  }
});
