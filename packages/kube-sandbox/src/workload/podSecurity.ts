import type { JsonObject } from '../types';
import type { Container, PodSpec } from './model';

/*
 * Pod Security Admission, the part the sandbox needs: the namespace label
 * `pod-security.kubernetes.io/enforce` and the checks a dev clone fails
 * (Okteto runs it as root by default, okteto pkg/model/dev.go
 * setRunAsUserDefaults). Messages follow k8s.io/pod-security-admission
 * policy/check_*.go; the checks are reported in the order of their ids.
 */

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION_LABEL =
  'pod-security.kubernetes.io/enforce-version';

type Level = 'privileged' | 'baseline' | 'restricted';

const q = (names: string[]) => names.map(n => JSON.stringify(n)).join(', ');
const containers = (names: string[]) =>
  `${names.length === 1 ? 'container' : 'containers'} ${q(names)}`;

function sc(c: Container): JsonObject {
  return (c.securityContext ?? {}) as JsonObject;
}

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

function allowPrivilegeEscalation(spec: PodSpec): string | undefined {
  const bad = allContainers(spec)
    .filter(c => sc(c).allowPrivilegeEscalation !== false)
    .map(c => c.name);
  return bad.length
    ? `allowPrivilegeEscalation != false (${containers(
        bad,
      )} must set securityContext.allowPrivilegeEscalation=false)`
    : undefined;
}

function capabilities(spec: PodSpec): string | undefined {
  const bad = allContainers(spec)
    .filter(c => {
      const drop = ((sc(c).capabilities as JsonObject | undefined)?.drop ??
        []) as string[];
      return !drop.includes('ALL');
    })
    .map(c => c.name);
  return bad.length
    ? `unrestricted capabilities (${containers(
        bad,
      )} must set securityContext.capabilities.drop=["ALL"])`
    : undefined;
}

function privileged(spec: PodSpec): string | undefined {
  const bad = allContainers(spec)
    .filter(c => sc(c).privileged === true)
    .map(c => c.name);
  return bad.length
    ? `privileged (${containers(
        bad,
      )} must not set securityContext.privileged=true)`
    : undefined;
}

function runAsNonRoot(spec: PodSpec): string | undefined {
  const pod = (spec.securityContext ?? {}) as JsonObject;
  const details: string[] = [];
  if (pod.runAsNonRoot === false) {
    details.push('pod must not set securityContext.runAsNonRoot=false');
  }
  const explicitFalse = allContainers(spec)
    .filter(c => sc(c).runAsNonRoot === false)
    .map(c => c.name);
  if (explicitFalse.length) {
    details.push(
      `${containers(
        explicitFalse,
      )} must not set securityContext.runAsNonRoot=false`,
    );
  }
  if (pod.runAsNonRoot !== true) {
    const unset = allContainers(spec)
      .filter(c => sc(c).runAsNonRoot === undefined)
      .map(c => c.name);
    if (unset.length) {
      details.push(
        `pod or ${containers(
          unset,
        )} must set securityContext.runAsNonRoot=true`,
      );
    }
  }
  return details.length
    ? `runAsNonRoot != true (${details.join('; ')})`
    : undefined;
}

function runAsUser(spec: PodSpec): string | undefined {
  const setters: string[] = [];
  if ((spec.securityContext as JsonObject | undefined)?.runAsUser === 0) {
    setters.push('pod');
  }
  const bad = allContainers(spec)
    .filter(c => sc(c).runAsUser === 0)
    .map(c => c.name);
  if (bad.length) setters.push(containers(bad));
  return setters.length
    ? `runAsUser=0 (${setters.join(' and ')} must not set runAsUser=0)`
    : undefined;
}

function seccompProfile(spec: PodSpec): string | undefined {
  const ok = (o: JsonObject | undefined) => {
    const type = (o?.seccompProfile as JsonObject | undefined)?.type;
    return type === 'RuntimeDefault' || type === 'Localhost';
  };
  if (ok(spec.securityContext)) return undefined;
  const bad = allContainers(spec)
    .filter(c => !ok(sc(c)))
    .map(c => c.name);
  return bad.length
    ? `seccompProfile (pod or ${containers(
        bad,
      )} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`
    : undefined;
}

const CHECKS: Array<{
  level: Level;
  check: (s: PodSpec) => string | undefined;
}> = [
  { level: 'restricted', check: allowPrivilegeEscalation },
  { level: 'restricted', check: capabilities },
  { level: 'baseline', check: privileged },
  { level: 'restricted', check: runAsNonRoot },
  { level: 'restricted', check: runAsUser },
  { level: 'restricted', check: seccompProfile },
];

/**
 * The admission error for a pod the namespace's enforced level forbids
 * (`pods "x" is forbidden: violates PodSecurity "restricted:latest": …`),
 * or undefined when the pod is allowed.
 */
export function podSecurityError(
  namespaceLabels: Record<string, string> | undefined,
  podName: string,
  spec: PodSpec,
): string | undefined {
  const level = namespaceLabels?.[ENFORCE_LABEL] as Level | undefined;
  if (level !== 'baseline' && level !== 'restricted') return undefined;
  const version = namespaceLabels?.[ENFORCE_VERSION_LABEL] ?? 'latest';
  const failed = CHECKS.filter(
    c => level === 'restricted' || c.level === 'baseline',
  )
    .map(c => c.check(spec))
    .filter((m): m is string => Boolean(m));
  if (!failed.length) return undefined;
  return `pods ${JSON.stringify(
    podName,
  )} is forbidden: violates PodSecurity "${level}:${version}": ${failed.join(
    ', ',
  )}`;
}
