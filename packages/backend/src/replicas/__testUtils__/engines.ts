// The real engines (PostgreSQL, Redis) for the replica tests and the bench, started and stopped by
// the project's own script (scripts/engines.mjs) in a child process: when this process ends, even
// killed, the child's stdin closes and it stops both engines.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const SCRIPT = path.resolve(__dirname, '../../../../../scripts/engines.mjs');

/** Where the engines listen. */
export interface Engines {
  /** `backend.database.connection` for `client: pg`. */
  postgres: { host: string; port: number; user: string; password: string };
  /** `backend.cache.connection` for `store: redis`. */
  redis: string;
  /** Stops both engines and removes their data. */
  stop(): Promise<void>;
}

/** Whether the Debian packages are installed (`npm test` installs them; see scripts/engines.mjs). */
export function enginesInstalled(): boolean {
  return (
    spawnSync(process.execPath, [SCRIPT, '--check'], { stdio: 'ignore' })
      .status === 0
  );
}

/**
 * True when the replica tests must run (`npm test` sets OKTETO_DEV_ENGINES=required after
 * installing the engines); otherwise, without the packages, they are skipped with a message.
 */
export function enginesRequired(): boolean {
  return process.env.OKTETO_DEV_ENGINES === 'required';
}

export async function startEngines(timeoutMs = 90_000): Promise<Engines> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>(resolve =>
    child.once('exit', code => resolve(code)),
  );
  const lines = readline.createInterface({ input: child.stdout! });
  const first = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    exited.then(code =>
      reject(new Error(`scripts/engines.mjs exited (${code}): ${stderr}`)),
    );
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the engines did not start: ${stderr}`)),
      timeoutMs,
    );
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin!.end();
      const killer = setTimeout(() => child.kill('SIGTERM'), 30_000);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    const line = await Promise.race([first, timeout]);
    const parsed = JSON.parse(line);
    return { postgres: parsed.postgres, redis: parsed.redis, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
