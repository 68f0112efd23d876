/**
 * The floor under the waiting room's fan-out: how long bare Node takes to write one small chunk to
 * each of N held loopback sockets, with no balie server, no database and no HTTP — the same
 * machine, two receiving processes as in the waiting-room benchmark. Not part of the table; run it
 * beside a waiting-room step to see how much of a fan-out is the kernel's:
 *
 *   node --import tsx test/bench/baselines/socket-fanout.ts 10000
 */
import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';

const size = Number(process.argv[2] ?? 10_000);
const receiving = process.argv[3];
const ROUNDS = 5;

if (receiving) {
  // A receiver: holds `size` sockets and counts what arrives, as a load generator would.
  const sockets: Socket[] = [];
  for (let i = 0; i < size; i++) sockets.push(connect(Number(receiving), '127.0.0.1').on('data', () => {}));
  process.stdin.on('end', () => process.exit(0)).resume();
} else {
  const held: Socket[] = [];
  const server = createServer((socket) => void held.push(socket.setNoDelay(true)));
  server.listen({ port: 0, host: '127.0.0.1', backlog: 8192 }, async () => {
    const port = (server.address() as { port: number }).port;
    const receivers = [0, 1].map(() =>
      spawn('bash', ['-c', `ulimit -n "$(ulimit -Hn)"; exec node --import tsx ${JSON.stringify(process.argv[1])} ${size / 2} ${port}`], { stdio: ['pipe', 'inherit', 'inherit'] }),
    );
    while (held.length < size) await new Promise((done) => setTimeout(done, 200));
    await new Promise((done) => setTimeout(done, 1000));
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      // An event of the waiting room's size, different per socket, framed as an HTTP chunk.
      for (let i = 0; i < size; i++) {
        const text = `data: {"type":"ticket","ticket":{"id":"00000000-0000-4000-8000-${String(i).padStart(12, '0')}","state":"waiting","position":${i + round}}}\n\n`;
        held[i]!.write(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
      }
      times.push(performance.now() - started);
      await new Promise((done) => setTimeout(done, 1000));
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${size} sockets: one write each took ${sorted.map((t) => t.toFixed(0)).join(' / ')} ms over ${ROUNDS} rounds (median ${sorted[2]!.toFixed(0)} ms, ${((sorted[2]! * 1000) / size).toFixed(1)} µs a write)`);
    for (const receiver of receivers) receiver.stdin!.end();
    process.exit(0);
  });
}
