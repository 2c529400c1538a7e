// Connects to the gateway (retrying until it answers), subscribes to jobs.board from an hour ago,
// and prints the milliseconds since START_MS (the benchmark's clock at `java -jar`) when the
// first event frame arrives. Exits 1 if none arrives within the deadline.
const start = Number(process.env.START_MS);
const port = process.env.GATEWAY_PORT || '8080';
const deadline = start + Number(process.env.DEADLINE_MS || 120000);

function attempt() {
  if (Date.now() > deadline) { console.error('no event before the deadline'); process.exit(1); }
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  ws.onopen = () => ws.send(JSON.stringify({
    type: 'subscribe', channel: 'jobs.board', from: { time: new Date(Date.now() - 3600_000).toISOString() } }));
  ws.onmessage = (m) => {
    if (JSON.parse(m.data).type === 'event') { console.log(Date.now() - start); process.exit(0); }
  };
  ws.onerror = () => setTimeout(attempt, 200);
}
attempt();
