import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The shipped manifests: `deploy/rbac/` at the repository root. */
export const RBAC_DIR = path.resolve(__dirname, '../../../../deploy/rbac');

/** One shipped manifest with its `${PLACEHOLDERS}` filled, as `envsubst` would. */
export function rbacManifest(
  file: string,
  vars: Record<string, string>,
): Array<Record<string, any>> {
  const text = fs
    .readFileSync(path.join(RBAC_DIR, file), 'utf8')
    .replace(/\$\{(\w+)\}/g, (whole, name: string) => {
      if (!(name in vars)) throw new Error(`${file}: no value for ${whole}`);
      return vars[name];
    });
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter(Boolean);
}

/** What the authorizer is asked about one resource request. */
export interface RbacRequest {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

const has = (list: string[] | undefined, value: string) =>
  (list ?? []).includes('*') || (list ?? []).includes(value);

/**
 * kubernetes `pkg/apis/rbac/v1/evaluation_helpers.go` RuleAllows (VerbMatches, APIGroupMatches,
 * ResourceMatches, ResourceNameMatches): a rule with resourceNames allows only requests that name
 * one of them.
 */
function ruleAllows(rule: Rule, r: RbacRequest): boolean {
  return (
    has(rule.verbs, r.verb) &&
    has(rule.apiGroups, r.group) &&
    has(rule.resources, r.resource) &&
    (!rule.resourceNames?.length ||
      (r.name !== undefined && rule.resourceNames.includes(r.name)))
  );
}

/**
 * The rules that apply to a service account's request, as kubernetes
 * `plugin/pkg/auth/authorizer/rbac/rbac.go` VisitRulesFor collects them: every ClusterRoleBinding
 * to it (its ClusterRole, everywhere), and, for a namespaced request, every RoleBinding to it in
 * that namespace (its Role there, or a ClusterRole applied to that namespace only).
 */
export function rulesFor(
  objects: Array<Record<string, any>>,
  subject: { namespace: string; name: string },
  namespace: string | undefined,
): Rule[] {
  const bound = (b: Record<string, any>) =>
    (b.subjects ?? []).some(
      (s: Record<string, string>) =>
        s.kind === 'ServiceAccount' &&
        s.name === subject.name &&
        s.namespace === subject.namespace,
    );
  const role = (kind: string, name: string, ns?: string) =>
    objects.find(
      o =>
        o.kind === kind &&
        o.metadata?.name === name &&
        (kind === 'ClusterRole' || o.metadata?.namespace === ns),
    );
  const rules: Rule[] = [];
  for (const b of objects) {
    if (!bound(b)) continue;
    if (b.kind === 'ClusterRoleBinding') {
      rules.push(...(role('ClusterRole', b.roleRef.name)?.rules ?? []));
    } else if (
      b.kind === 'RoleBinding' &&
      namespace !== undefined &&
      b.metadata?.namespace === namespace
    ) {
      rules.push(
        ...(role(b.roleRef.kind, b.roleRef.name, namespace)?.rules ?? []),
      );
    }
  }
  return rules;
}

/** Whether the manifests allow the request, and by which rule. */
export function allowedBy(
  objects: Array<Record<string, any>>,
  subject: { namespace: string; name: string },
  r: RbacRequest,
): Rule | undefined {
  return rulesFor(objects, subject, r.namespace).find(rule =>
    ruleAllows(rule, r),
  );
}

/** Every (verb, group, resource, names) a set of manifests grants, one line each. */
export function grantedLines(objects: Array<Record<string, any>>): string[] {
  return objects
    .filter(o => o.kind === 'Role' || o.kind === 'ClusterRole')
    .flatMap(o =>
      (o.rules as Rule[]).flatMap(rule =>
        (rule.verbs ?? []).flatMap(verb =>
          (rule.apiGroups ?? []).flatMap(group =>
            (rule.resources ?? []).map(
              resource => `${verb} ${resource}${group ? `.${group}` : ''}`,
            ),
          ),
        ),
      ),
    );
}
