import { devMessage, DevMessageCode } from '@okteto-dev/plugin-okteto-dev-common';

/** What replaces a name a caller may not learn. */
export const HIDDEN = '[hidden]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Statements whose `value` and `allowed` parameters are cluster names (a refused target's cluster). */
const CLUSTER_NAMING_CODES = new Set<string>(['targetClusterRefused']);

/**
 * Removes the identities in a text the cluster or a credential provider wrote: the user of a
 * Kubernetes RBAC denial (kube-apiserver's `User %q cannot %s resource %q in API group %q in the
 * namespace %q`, staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go,
 * and its older `User %q groups %v cannot …`), service-account names and groups anywhere, AWS
 * principals (ARNs). What was refused (verb, resource, namespace) stays.
 */
export function redactIdentities(text: string): string {
  return text
    .replace(
      /\bUser "(?:[^"\\]|\\.)*"(?: groups \[[^\]]*\])?/g,
      `User "${HIDDEN}"`,
    )
    .replace(
      /\bsystem:serviceaccount(s?):[^\s"'\],;)]+/g,
      (_m, s) => `system:serviceaccount${s}:${HIDDEN}`,
    )
    .replace(/\barn:aws[a-z-]*:[^\s"'\],;)]+/g, `arn:${HIDDEN}`);
}

/**
 * What a caller without `okteto-dev.clusters.read` gets instead of a text or value the backend
 * wrote: no configured cluster or Argo CD instance name (where okteto-dev's own messages put them:
 * `cluster 'x'`, `(configured: a, b)`), no identity (see {@link redactIdentities}), and no
 * `cluster` field on an error. A pure function of its input and the names: the same answer gives
 * the same bytes, so answers shared between callers are redacted once.
 */
export class Redactor {
  private cached: { key: string; patterns: RegExp[] } | undefined;

  /** `names`: every configured cluster and Argo CD instance name (asked on each use). */
  constructor(private readonly names: () => string[]) {}

  /** Changes when the names do: redacted copies made under another version are stale. */
  get version(): string {
    return this.compile().key;
  }

  private compile(): { key: string; patterns: RegExp[] } {
    const names = [...new Set(this.names().filter(Boolean))].sort(
      (a, b) => b.length - a.length || a.localeCompare(b),
    );
    const key = names.join('\n');
    if (this.cached?.key !== key) {
      this.cached = {
        key,
        patterns: names.map(
          n =>
            new RegExp(
              `\\b([Cc]lusters?|[Ii]nstance) (['"]?)${escapeRegExp(
                n,
              )}\\2(?![\\w.-])`,
              'g',
            ),
        ),
      };
    }
    return this.cached;
  }

  /** A text without configured names and identities. */
  text(text: string): string {
    let out = redactIdentities(text)
      .replace(/ ?\((?:configured|known): [^)]*\)/g, '')
      .replace(/(clusters are configured) \([^)]*\)/g, '$1');
    for (const pattern of this.compile().patterns) {
      out = out.replace(pattern, `$1 ${HIDDEN}`);
    }
    return out;
  }

  /**
   * A JSON value with every string redacted and every error's `cluster` dropped (an object with a
   * string `type` and `message`). Keys named in `keep` at the top level are left as they are (a
   * status's `target`: where the entity's own dev environment is). The value itself when nothing
   * changed.
   */
  value<T>(value: T, keep: string[] = []): T {
    const walk = (v: unknown, top: boolean): unknown => {
      if (typeof v === 'string') return this.text(v);
      if (Array.isArray(v)) {
        const items = v.map(x => walk(x, false));
        return items.some((x, i) => x !== v[i]) ? items : v;
      }
      if (!v || typeof v !== 'object') return v;
      const record = v as Record<string, unknown>;
      if (
        typeof record.code === 'string' &&
        CLUSTER_NAMING_CODES.has(record.code)
      ) {
        // its parameters are cluster names (configured, asked for, allowed): none is told
        return devMessage(record.code as DevMessageCode, {
          ...(record.params as Record<string, string>),
          value: HIDDEN,
          allowed: HIDDEN,
        });
      }
      const isError =
        typeof record.type === 'string' && typeof record.message === 'string';
      const out: Record<string, unknown> = {};
      let changed = false;
      for (const [key, x] of Object.entries(record)) {
        if (top && keep.includes(key)) {
          out[key] = x;
        } else if (isError && key === 'cluster') {
          changed = true;
        } else {
          out[key] = walk(x, false);
          if (out[key] !== x) changed = true;
        }
      }
      return changed ? out : v;
    };
    return walk(value, true) as T;
  }

  /** A status's JSON as a caller without `okteto-dev.clusters.read` gets it: `json` itself when nothing in it needs hiding. */
  statusJson(json: string): string {
    const parsed = JSON.parse(json);
    const redacted = this.value(parsed, ['target']);
    return redacted === parsed ? json : JSON.stringify(redacted);
  }
}
