/**
 * Everything the status says in words, as a code with parameters. The backend fills `message` with
 * the English text for API and search consumers; the card renders the code in the reader's
 * language (the frontend plugin ships these templates as its English messages and a Russian
 * translation of each). `{{name}}` is a parameter, as in Backstage's translation API.
 *
 * Names of objects, files and settings are always parameters: nothing here hard-codes web-core.
 *
 * @public
 */
export const DEV_MESSAGE_TEMPLATES = {
  // --- drift: what Argo CD's view of the app means while dev mode may be on
  driftNone: 'The cluster matches Git.',
  driftNoneDevMode:
    'Synced during dev mode: Git does not declare what Okteto changed, so Argo CD sees no drift.',
  driftExpected:
    'Expected: only {{workload}} differs from Git, because Okteto scaled it to 0 and runs the dev clone {{clone}}. It goes back to Synced after okteto down.',
  driftExpectedPrunable:
    'Expected: only {{workload}} differs from Git, because Okteto scaled it to 0, and Argo CD counts the dev clone {{clone}} as extra (label tracking). It goes back to Synced after okteto down.',
  driftExpectedNoClone:
    'Expected: only {{workload}} differs from Git, because dev mode scaled it to 0. It goes back to Synced after okteto down.',
  driftConflictAutoSync:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Automated sync restored the original when a new revision arrived (selfHeal off does not prevent that). Run okteto down, or scale {{workload}} to 0; to stop it recurring, make {{application}} ignore /spec/replicas.',
  driftConflictSelfHeal:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Self-heal on {{application}} scaled the original back up. Turn selfHeal off for dev, then run okteto up again.',
  driftConflictInterrupted:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Run okteto down to remove the clone.',
  driftConflictOther:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Something scaled the original back up. Run okteto down, or scale {{workload}} to 0.',
  driftUnexpected:
    'Out of sync with Git, not because of dev mode: {{resources}}. Check the diff in Argo CD.',
  driftUnexpectedDuringDevMode:
    'Out of sync with Git, not because of dev mode: {{resources}} (the change to {{workload}} is dev mode’s). Check the diff in Argo CD.',
  driftUnexpectedUnnamed:
    'The cluster differs from Git although nobody is in dev mode. Check the diff in Argo CD.',
  driftUnknownNoResources:
    'The Application is OutOfSync, but Argo CD lists no per-resource state, so it cannot be told whether dev mode is the only cause.',
  driftUnknownArgoMissing: 'There is no Argo CD Application to compare with.',
  driftUnknownArgoError: 'The Argo CD Application could not be read.',
  driftUnknownOktetoError:
    'The Application is OutOfSync and dev mode could not be read, so the cause is unknown.',
  driftUnknownSync:
    'Argo CD reports the sync status as Unknown: it could not compare the app with Git.',

  // --- Okteto: why dev mode is broken
  oktetoCloneWithoutWorkload:
    'The dev clone {{clone}} exists but the workload {{workload}} does not.',
  oktetoCloneDeletedByPrune:
    '{{workload}} is in dev mode (label dev.okteto.com) but its dev clone {{clone}} is gone: {{application}} tracks resources by label, so the clone inherited the tracking label and automated sync with prune deleted it. Run okteto down to restore {{workload}}, or okteto up to recreate the clone.',
  oktetoCloneDeleted:
    '{{workload}} is in dev mode (label dev.okteto.com) but its dev clone {{clone}} is gone: it was deleted from outside Okteto (okteto up and okteto down never leave this state). Run okteto down to restore {{workload}}, or okteto up to recreate the clone.',
  oktetoInterrupted:
    'The dev clone {{clone}} runs next to {{workload}}, which is not marked for dev mode: an interrupted okteto up or okteto down.',
  oktetoZeroWithoutReplicas:
    '{{workload}} is scaled to 0 without the dev.okteto.com/replicas annotation: okteto down will not know how many replicas to restore.',
  oktetoCloneCreateFailed:
    'The dev clone {{clone}} cannot create its pod ({{reason}}): {{message}}',
  oktetoCloneNoPod:
    'The dev clone {{clone}} has no pod: the {{kind}} controller did not create it (its Warning events, FailedCreate, say why).',
  oktetoPodUnschedulable:
    'The dev pod {{pod}} cannot be scheduled: {{message}}',
  oktetoPvcPending:
    'The dev volume {{pvc}} is Pending: no storage was provisioned for it, so the dev pod cannot start.',
  oktetoInitFailing:
    'The dev pod {{pod}} is stuck in its init container {{container}} ({{reason}}).',
  oktetoPodCrashing:
    'The dev container of {{pod}} is failing ({{reason}}, {{restarts}} restarts).',

  // --- claims: one dev target, one entity
  claimContested:
    'The dev target of this entity (workload {{workload}} in namespace {{namespace}}, Argo CD Application {{application}}) is also claimed by another catalog entity. A dev target belongs to one entity: until only one entity claims it, okteto-dev shows none of them its status or commands, and notifies nobody about it.',
  claimContestedBy:
    'The dev target of this entity (workload {{workload}} in namespace {{namespace}}, Argo CD Application {{application}}) is also claimed by {{entities}}. A dev target belongs to one entity: until only one entity claims it, okteto-dev shows none of them its status or commands, and notifies nobody about it.',
  claimContestedByAndHidden:
    'The dev target of this entity (workload {{workload}} in namespace {{namespace}}, Argo CD Application {{application}}) is also claimed by {{entities}} and another catalog entity. A dev target belongs to one entity: until only one entity claims it, okteto-dev shows none of them its status or commands, and notifies nobody about it.',

  // --- checklist: Argo CD Application
  checkArgoAppExists:
    'Argo CD Application {{application}} exists ({{sync}}, {{health}}).',
  checkArgoAppMissing: 'Argo CD Application {{application}} does not exist.',
  checkArgoAppUnreadable:
    'Argo CD Application {{application}} could not be read: {{error}}',
  checkNamespaceOwn: 'Deployed to {{namespace}}, its own namespace.',
  checkNamespaceOwnByAnnotation:
    'Deployed to {{namespace}}, its own namespace (set by annotation; the convention would be {{convention}}).',
  checkNamespaceMismatch:
    '{{application}} deploys to namespace {{destination}}, not {{namespace}}.',
  checkSelfHealOff: 'selfHeal is off for {{application}}.',
  checkSelfHealOn:
    'selfHeal is on for {{application}}: Argo CD scales the original back up as soon as dev mode starts. Set syncPolicy.automated.selfHeal: false in {{file}}.',
  checkSelfHealOnAppSet:
    'selfHeal is on for {{application}}: Argo CD scales the original back up as soon as dev mode starts. {{application}} is generated by the ApplicationSet {{applicationSet}}: set selfHeal: false in its template (an edit of the Application itself is overwritten).',
  checkReplicasIgnored:
    '{{application}} ignores /spec/replicas of {{workload}} and respects it when syncing, so a new commit leaves dev mode alone.',
  checkReplicasNoAutoSync:
    'Automated sync is off for {{application}}: nothing restores {{workload}} while dev mode is on.',
  checkReplicasNotIgnored:
    'Automated sync is on for {{application}}, so the next commit to {{revision}} syncs {{workload}} back to its replicas while the dev pod runs, and both serve (selfHeal off does not prevent it). Add to {{file}}: ignoreDifferences [{group: apps, kind: Deployment, name: {{workload}}, jsonPointers: [/spec/replicas]}] and syncOptions [RespectIgnoreDifferences=true].',
  checkReplicasNotIgnoredAppSet:
    'Automated sync is on for {{application}}, so the next commit to {{revision}} syncs {{workload}} back to its replicas while the dev pod runs, and both serve. {{application}} is generated by the ApplicationSet {{applicationSet}}: add ignoreDifferences for /spec/replicas of {{workload}} and syncOptions RespectIgnoreDifferences=true to its template.',
  checkReplicasNotRespected:
    '{{application}} ignores /spec/replicas of {{workload}} only when comparing: without syncOptions RespectIgnoreDifferences=true a sync still applies Git’s replicas. Add it to {{file}}.',

  // --- checklist: the workload
  checkWorkloadUnreadable: 'The workload could not be read: {{error}}',
  checkWorkloadMissing: '{{kind}} {{namespace}}/{{workload}} does not exist.',
  checkEnvVarSet: '{{name}}={{value}} is set on the {{container}} container.',
  checkEnvVarWrong:
    '{{name}} is "{{actual}}", expected "{{value}}" ({{file}}).',
  checkEnvVarMissing:
    '{{name}} is not set on the {{container}} container; add {{name}}: "{{value}}" to {{file}}.',
  checkSecretNotTaken:
    'The {{container}} container does not take Secret {{secrets}} (envFrom.secretRef or env valueFrom.secretKeyRef), so the app gets none of its values.',
  checkSecretNoneRequired:
    'No Secret is required of the {{container}} container, and it takes none it cannot start without.',
  checkSecretExistedAtStart:
    'Secret {{secrets}} existed when {{pod}} started: Kubernetes starts the {{container}} container only once every Secret it takes exists.',
  checkSecretExistsByGet:
    'Secret {{secrets}} exists (read by name, metadata only).',
  checkSecretMissingByGet:
    'Secret {{secrets}} does not exist in {{namespace}} (read by name); the platform must create it.',
  checkSecretMissingFromPod:
    'Secret {{secret}} does not exist in {{namespace}}: the {{container}} container of {{pod}} cannot start (CreateContainerConfigError: {{message}}); the platform must create it.',
  checkSecretKeyMissing:
    'Secret {{secret}} has no key {{key}}: the {{container}} container of {{pod}} cannot start (CreateContainerConfigError).',
  checkSecretUnknownNoPod:
    'Whether Secret {{secrets}} exists is not known: no pod of {{workload}} has run the {{container}} container to tell, and okteto-dev reads no Secrets unless oktetoDev.checklist.env-secret.readSecretMetadata is on.',
  checkSecretUnknownNotCreated:
    'Whether Secret {{secrets}} exists is not known: {{workload}} cannot create its pods ({{reason}}: {{message}}).',
  checkSecretUnknownNotStarted:
    'Whether Secret {{secrets}} exists is not known: the {{container}} container of {{pod}} has not started ({{reason}}), and okteto-dev reads no Secrets unless oktetoDev.checklist.env-secret.readSecretMetadata is on.',
  checkSecretUnknownOptional:
    'Whether Secret {{secrets}} exists is not known: the {{container}} container takes it as optional, so it starts without it, and okteto-dev reads no Secrets unless oktetoDev.checklist.env-secret.readSecretMetadata is on.',
  checkSecretUnknownPodsUnreadable:
    'Whether Secret {{secrets}} exists is not known: the pods could not be read ({{error}}).',
  checkSecretUnreadable:
    'Secret {{secrets}} could not be read by name: {{error}}',

  // --- checklist: the repository
  checkDevEntryFound:
    '{{manifest}} has dev.{{entry}}, which targets this workload.',
  checkDevEntryFoundAliases:
    '{{manifest}} has dev.{{entry}}, which targets this workload (aliases: {{aliases}}).',
  checkManifestNoSource:
    'The entity has no source location, so the Okteto manifest cannot be read.',
  checkManifestUnreadable: 'The Okteto manifest could not be read: {{error}}',
  checkManifestMissing: 'There is no Okteto manifest at {{manifest}}.',
  checkManifestInvalid: '{{manifest}} is not valid YAML: {{error}}',
  checkManifestLegacy:
    '{{manifest}} is a legacy (v1) Okteto manifest without a dev: map; move its fields under dev.{{entry}}.',
  checkDevEntryMissing:
    '{{manifest}} has no dev entry that targets {{workload}} (expected dev.{{entry}}).',
  checkDevEntryNameInvalid:
    'dev.{{entry}} in {{manifest}} targets this workload, but Okteto rejects the name: lower-case letters, digits and "-" only, not starting or ending with "-".',
  checkNoDevEntry: 'No dev entry to check.',
  checkDevImageSet: 'dev.{{entry}} sets a dev image.',
  checkDevImageInstalls: 'dev.{{entry}} installs dependencies in its command.',
  checkDevImageMissing:
    'dev.{{entry}} sets no dev image and its command does not install dependencies.',
  checkDevImageNotString:
    'dev.{{entry}} sets image to something other than a string; Okteto only accepts an image name there.',
  checkStignoreNoSync: 'dev.{{entry}} has no sync folder.',
  checkStignoreUnreadable: '{{path}} could not be read: {{error}}',
  checkStignoreMissingFile:
    '{{path}} does not exist: okteto up will stop to ask for one.',
  checkStignoreMissingEntries: '{{path}} does not ignore {{entries}}.',
  checkStignoreComplete: '{{paths}} ignores the recommended set.',

  // --- drift and dev-mode advice when the commands are withheld (see `guard`)
  driftConflictAutoSyncWithheld:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Automated sync restored the original when a new revision arrived. No command to end it is offered here: see why above.',
  driftConflictSelfHealWithheld:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Self-heal on {{application}} scaled the original back up. No command to end it is offered here: see why above.',
  driftConflictInterruptedWithheld:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random, after an interrupted okteto up or okteto down. No command to end it is offered here: see why above.',
  driftConflictOtherWithheld:
    'Conflict: both the original {{workload}} (replicas: {{replicas}}) and the dev clone {{clone}} serve the Service, so requests reach the old code at random. Something scaled the original back up. No command to end it is offered here: see why above.',
  oktetoCloneDeletedByPruneWithheld:
    '{{workload}} is in dev mode (label dev.okteto.com) but its dev clone {{clone}} is gone: {{application}} tracks resources by label, so the clone inherited the tracking label and automated sync with prune deleted it. No command to recover is offered here: see why above.',
  oktetoCloneDeletedWithheld:
    '{{workload}} is in dev mode (label dev.okteto.com) but its dev clone {{clone}} is gone: it was deleted from outside Okteto. No command to recover is offered here: see why above.',

  // --- the target: what the configuration allows (nothing is read for a refused target)
  targetNameInvalid:
    '{{value}} (from {{source}}) is not a valid Kubernetes name (lower-case letters, digits and "-"), so okteto-dev reads nothing for this entity.',
  targetNamespaceRefused:
    'Namespace {{value}} (from {{source}}) is not one okteto-dev may read for this entity; the configuration allows {{allowed}}. Nothing was read.',
  targetWorkloadRefused:
    'Workload {{value}} (from {{source}}) is not one okteto-dev may read for this entity; the configuration allows {{allowed}}. Nothing was read.',
  targetApplicationRefused:
    'Argo CD Application {{value}} (from {{source}}) is not one okteto-dev may read for this entity; the configuration allows {{allowed}}. Nothing was read.',
  targetClusterRefused:
    'Cluster {{value}} (from {{source}}) is not one okteto-dev may read for this entity; the configuration allows {{allowed}}. Nothing was read.',

  // --- the target guard and the values of the commands: why a command is not offered
  guardDestinationNamespace:
    'No okteto up, okteto down or scaling command is offered: {{application}} deploys to namespace {{destination}}, not to the dev target {{namespace}}.',
  guardDestinationServer:
    'No okteto up, okteto down or scaling command is offered: {{application}} deploys to {{server}}, not to the cluster of the dev target ({{expected}}).',
  guardWorkloadMismatch:
    'No okteto up, okteto down or scaling command is offered: dev.{{entry}} in {{manifest}} selects Deployment {{selected}} in {{namespace}}, not the dev target {{workload}}.',
  guardWorkloadAmbiguous:
    'No okteto up, okteto down or scaling command is offered: dev.{{entry}} in {{manifest}} selects {{count}} Deployments in {{namespace}} ({{selected}}); okteto up takes exactly one, and the dev target is {{workload}}.',
  commandDevNameInvalid:
    'No okteto command is offered: the dev entry name {{value}} (from {{source}}) is not a name Okteto accepts (lower-case letters, digits and "-", not starting or ending with "-").',
  commandNamespaceInvalid:
    'No okteto command is offered: the namespace {{value}} (from {{source}}) is not a DNS-1123 label.',
  commandPackageInvalid:
    'No command to run the app is offered: the package name {{value}} (from {{source}}) is not a valid npm package name.',

  // --- where the commands' values come from
  packageJsonMissing:
    '{{path}} does not exist, so the package name is a guess from the naming template ({{package}}).',
  packageJsonUnreadable:
    '{{path}} could not be read ({{error}}), so the package name is a guess from the naming template ({{package}}).',
  packageJsonInvalid:
    '{{path}} has no valid "name", so the package name is a guess from the naming template ({{package}}).',
  packageManagerField:
    'The dev command uses {{manager}}: the packageManager field of {{path}} names it.',
  packageManagerLockfile:
    'The dev command uses {{manager}}: the repository has {{path}}.',
  packageManagerDefault:
    'The repository names no package manager (no packageManager field in package.json, no lockfile at its root), so the dev command assumes {{manager}}.',
  packageManagerUnreadable:
    '{{path}} could not be read ({{error}}), so the dev command assumes {{manager}}.',
} as const;

/**
 * A code of {@link DEV_MESSAGE_TEMPLATES}.
 *
 * @public
 */
export type DevMessageCode = keyof typeof DEV_MESSAGE_TEMPLATES;

/**
 * Parameters of a message: names of objects, files, counts.
 *
 * @public
 */
export type DevMessageParams = Record<string, string | number>;

/**
 * A statement of the status: its code and parameters, and its English text.
 *
 * @public
 */
export interface DevMessage {
  /** What the statement says: a key of {@link DEV_MESSAGE_TEMPLATES}, translated by the card. */
  code: DevMessageCode;
  /** The values of the template's `{{name}}` parameters. */
  params: DevMessageParams;
  /** The English text of `code` with `params` filled in. */
  message: string;
}

/**
 * Fills `{{name}}` parameters of a template. Unknown parameters stay as written.
 *
 * @public
 */
export function fillMessage(
  template: string,
  params: DevMessageParams,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/**
 * A {@link DevMessage} with its English text.
 *
 * @public
 */
export function devMessage(
  code: DevMessageCode,
  params: DevMessageParams = {},
): DevMessage {
  return {
    code,
    params,
    message: fillMessage(DEV_MESSAGE_TEMPLATES[code], params),
  };
}

/**
 * Statements that advise a cluster-changing command (okteto up, okteto down, scaling), and the same
 * statement without that advice, for a status whose commands are withheld.
 *
 * @public
 */
export const WITHHELD_ADVICE_CODES: Readonly<
  Partial<Record<DevMessageCode, DevMessageCode>>
> = Object.freeze({
  driftConflictAutoSync: 'driftConflictAutoSyncWithheld',
  driftConflictSelfHeal: 'driftConflictSelfHealWithheld',
  driftConflictInterrupted: 'driftConflictInterruptedWithheld',
  driftConflictOther: 'driftConflictOtherWithheld',
  oktetoCloneDeletedByPrune: 'oktetoCloneDeletedByPruneWithheld',
  oktetoCloneDeleted: 'oktetoCloneDeletedWithheld',
});

/**
 * The statement without its advice to run okteto up, okteto down or scale, when it has any (see
 * {@link WITHHELD_ADVICE_CODES}); other statements as they are.
 *
 * @public
 */
export function withoutCommandAdvice<T extends DevMessage>(message: T): T {
  const code = WITHHELD_ADVICE_CODES[message.code];
  return code ? { ...message, ...devMessage(code, message.params) } : message;
}
