// `zulin serve` runs the server in a child process and watches it (node:cluster): a server process
// that dies — a crash the request handlers could not contain, an out-of-memory kill — is replaced
// within seconds, and `/readyz` reports how many times that happened. The supervisor itself opens no
// database and serves nothing, so there is little in it that can fail. A server that never got
// ready (a port in use, a broken configuration) is not restarted: the supervisor stops with its exit
// code, so a wrong setting is reported once instead of looping. One server process at a time: PGlite
// is a single-process database (on PostgreSQL, run more `zulin serve` processes side by side).
import cluster, { type Worker } from 'node:cluster';

const restartDelayMs = 1000;
/** After this many restarts within a minute, wait longer between attempts (a crash loop). */
const burstRestartsMax = 5;
const crashLoopDelayMs = 15_000;

export interface ReadyMessage {
  type: 'zulin:ready';
}

/** Tells the supervisor (when there is one) that this server process listens. */
export function reportReady(): void {
  if (cluster.isWorker && process.send) process.send({ type: 'zulin:ready' } satisfies ReadyMessage);
}

export function isSupervised(): boolean {
  return cluster.isWorker;
}

/** The number of replacements so far, as the supervisor passed it to this process. */
export function restartsSoFar(): number {
  const n = Number(process.env.ZULIN_RESTARTS ?? '0');
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

export function supervise(): Promise<number> {
  let restarts = 0;
  let stopping = false;
  const recentRestartsMs: number[] = [];
  return new Promise<number>((resolve) => {
    const start = (): Worker => {
      const worker = cluster.fork({ ZULIN_RESTARTS: String(restarts) });
      let ready = false;
      worker.on('message', (message: unknown) => {
        if ((message as ReadyMessage | undefined)?.type === 'zulin:ready') ready = true;
      });
      worker.on('exit', (code, signal) => {
        if (stopping) return resolve(code ?? 0);
        // It said why on stderr itself (a port in use, a database that does not answer).
        if (!ready) return resolve(code || 1);
        const nowMs = Date.now();
        recentRestartsMs.push(nowMs);
        while ((recentRestartsMs[0] ?? nowMs) < nowMs - 60_000) recentRestartsMs.shift();
        const delayMs = recentRestartsMs.length > burstRestartsMax ? crashLoopDelayMs : restartDelayMs;
        restarts += 1;
        console.error(
          `zulin: the server process died (${signal ?? `exit ${code}`}); starting a new one in ${delayMs / 1000} s (restart ${restarts})`,
        );
        setTimeout(() => {
          if (!stopping) current = start();
        }, delayMs);
      });
      return worker;
    };
    let current = start();
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      if (current.isDead()) return resolve(0);
      current.process.kill(signal);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
