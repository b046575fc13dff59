// A CPU profile of this process (the backend under test) while `fn` runs, summarised by where the
// self time went: per package (or repository folder) and the top functions. What `--cpu-prof`
// would write, taken with node:inspector so that only the measured window is profiled.
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { ROOT } from './lib';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface ProfileSummary {
  /** Sampled milliseconds in all. */
  totalMs: number;
  /** Self time per package or repository folder, largest first. */
  byPackage: Array<{ name: string; ms: number; share: number }>;
  /** Self time per function, largest first. */
  byFunction: Array<{ name: string; ms: number; share: number }>;
  /** Where the raw profile was written (open it in Chrome DevTools). */
  file: string;
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; repository files → their folder. */
function ownerOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith('node:') || !file.startsWith('/')) return 'node (core)';
  const rel = path.relative(ROOT, file);
  return rel.split('/').slice(0, 2).join('/');
}

/** Profiles `fn`, writes the raw profile next to the results and summarises it. */
export async function profile<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<{ result: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let result: T;
  let raw: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  try {
    result = await fn();
  } finally {
    // stopped even when fn fails
    raw = ((await session.post('Profiler.stop')) as { profile: typeof raw })
      .profile;
    session.disconnect();
  }
  const file = path.join(ROOT, 'bench', 'results', `${name}.cpuprofile`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(raw));

  const byId = new Map(raw.nodes.map(n => [n.id, n]));
  const selfMs = new Map<number, number>();
  raw.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (raw.timeDeltas[i] ?? 0) / 1000);
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    totalMs += ms;
    const owner =
      functionName === '(idle)' ||
      functionName === '(program)' ||
      functionName === '(garbage collector)'
        ? functionName
        : ownerOf(url);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + ms);
    const fnName = `${functionName || '(anonymous)'} ${
      url ? `${ownerOf(url)}:${path.basename(url)}:${lineNumber + 1}` : ''
    }`.trim();
    byFunction.set(fnName, (byFunction.get(fnName) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([n, ms]) => ({ name: n, ms, share: ms / totalMs }));
  return {
    result,
    summary: {
      totalMs,
      byPackage: sorted(byPackage),
      byFunction: sorted(byFunction),
      file,
    },
  };
}
