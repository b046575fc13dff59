import { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DevStatus,
  Drift,
  PodSummary,
} from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Skeleton from '@material-ui/lab/Skeleton';
import { ComponentType, lazy, Suspense } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { Attention } from './attention';
import { CollapsibleSection } from './CollapsibleSection';

// The card's expandable sections: the headings (title, one-line summary, tone) are part of the
// card; what is inside each loads when it first opens — a chunk of its own per section, so a
// card whose sections stay closed never loads them (bench/frontend.ts measures the card chunk).

/**
 * A part of the card whose code loads when it is first shown: a section's body (mounted only
 * while the section is open: on the first open, or at once for a section that opens because it
 * needs attention), or what only some states show. `load` is a dynamic `import()`, which the
 * bundler makes a chunk of its own; until it arrives a skeleton line holds the place.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  // a lazy component takes the props of what it loads; React's types add ref handling P lacks
  const Part = lazy(() =>
    load().then(component => ({ default: component })),
  ) as unknown as ComponentType<P>;
  return function LazyPart(props: P) {
    return (
      <Suspense
        fallback={
          <Box aria-busy="true" data-testid="okteto-dev-loading-part">
            <Skeleton variant="text" />
            <Skeleton variant="text" width="60%" />
          </Box>
        }
      >
        <Part {...props} />
      </Suspense>
    );
  };
}

type Termination = NonNullable<PodSummary['lastTermination']>;

/** A pod that restarted and how its container last ended. */
export interface PodTermination {
  pod: string;
  termination: Termination;
}

/** Pods of the workload and of the dev clone that restarted, newest exit first. */
export function lastTerminations(status: DevStatus): PodTermination[] {
  const { workload, okteto } = status;
  const pods = [
    ...(workload.state === 'ok' ? workload.pods : []),
    ...((okteto.state === 'on' || okteto.state === 'broken') && okteto.pods
      ? okteto.pods
      : []),
  ];
  return pods
    .flatMap(pod =>
      pod.lastTermination
        ? [{ pod: pod.name, termination: pod.lastTermination }]
        : [],
    )
    .sort((a, b) =>
      (b.termination.finishedAt ?? '').localeCompare(
        a.termination.finishedAt ?? '',
      ),
    );
}

const DriftBody = lazyPart(() =>
  import('./DriftSection').then(m => m.DriftBody),
);
const OktetoBody = lazyPart(() =>
  import('./OktetoSection').then(m => m.OktetoBody),
);
const ArgoBody = lazyPart(() => import('./ArgoSection').then(m => m.ArgoBody));
const WorkloadBody = lazyPart(() =>
  import('./WorkloadSection').then(m => m.WorkloadBody),
);
const HistoryBody = lazyPart(() =>
  import('./HistorySection').then(m => m.HistoryBody),
);
const EventsBody = lazyPart(() =>
  import('./EventsSection').then(m => m.EventsBody),
);
const CommandListBody = lazyPart(() =>
  import('./CommandList').then(m => m.CommandListBody),
);
// the items and, under them, the fix and "Enable Okteto" buttons: one load
const ChecklistBody = lazyPart(() =>
  import('./ItemActions').then(m => m.ChecklistWithActions),
);

interface SectionProps {
  status: DevStatus;
  /** Set when the section needs action: its tone on the heading, and whether it opens by itself. */
  attention?: Attention;
}

/** A heading's tone and first state; an unread part says so in place of its summary. */
function useHeading(attention: Attention | undefined, summary?: string) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return {
    tone: attention?.tone,
    defaultOpen: attention?.open ?? false,
    summary: attention?.unread ? t('card.notRead') : summary,
  };
}

/**
 * What Argo CD's view means while dev mode may be on; the kind is on the summary line, so the
 * heading has no summary of its own.
 */
export function DriftSection(props: { drift: Drift; attention?: Attention }) {
  const { drift, attention } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <CollapsibleSection
      title={t('drift.title')}
      tone={attention?.tone}
      defaultOpen={attention?.open ?? false}
    >
      <DriftBody drift={drift} />
    </CollapsibleSection>
  );
}

/**
 * Okteto dev mode: off, on (a session) or broken (why), and what the cluster cannot tell; the dev
 * entry in the manifest.
 */
export function OktetoSection(props: SectionProps) {
  const { status, attention } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <CollapsibleSection title={t('okteto.title')} {...useHeading(attention)}>
      <OktetoBody status={status} />
    </CollapsibleSection>
  );
}

/**
 * Argo CD: the Application, the deployed revision and when it was synced, and whatever Argo CD
 * reports beyond that. Sync and health are on the summary line.
 */
export function ArgoSection(props: SectionProps) {
  const { status, attention } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <CollapsibleSection title={t('argo.title')} {...useHeading(attention)}>
      <ArgoBody status={status} />
    </CollapsibleSection>
  );
}

/** The Argo CD-managed workload: ready replicas, how Argo CD tracks it, its pods. */
export function WorkloadSection(props: SectionProps) {
  const { status, attention } = props;
  const { workload } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <CollapsibleSection
      title={t('workload.title')}
      {...useHeading(
        attention,
        workload.state === 'ok'
          ? t('workload.summary', {
              kind: workload.kind,
              name: workload.name,
              ready: String(workload.readyReplicas),
              replicas: String(workload.replicas),
            })
          : undefined,
      )}
    >
      <WorkloadBody status={status} />
    </CollapsibleSection>
  );
}

/**
 * The Application's last syncs and its resources, from the status already read (no request of
 * its own). Collapsed until asked for; absent when the Application could not be read.
 */
export function HistorySection(props: { status: DevStatus }) {
  const { status } = props;
  const { argo } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  if (argo.state !== 'ok') return null;
  return (
    <CollapsibleSection
      title={t('history.title')}
      summary={t('history.summary', {
        syncs: String(argo.history.length),
        resources: String(argo.resources.length),
      })}
      defaultOpen={false}
    >
      <HistoryBody status={status} />
    </CollapsibleSection>
  );
}

/**
 * Why pods restart or do not start: how their containers last ended (from the status) and the
 * Kubernetes Warning events, fetched only when the reader opens the section.
 */
export function EventsSection(props: { status: DevStatus }) {
  const { status } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const terminations = lastTerminations(status);
  const [last] = terminations;
  return (
    <CollapsibleSection
      title={t('events.title')}
      summary={
        last?.termination.reason
          ? t('events.summary', { reason: last.termination.reason })
          : undefined
      }
      defaultOpen={false}
    >
      <EventsBody status={status} terminations={terminations} />
    </CollapsibleSection>
  );
}

/**
 * The readiness checklist: "6 of 9 passed" on its heading; inside, the items that did not pass,
 * the passed ones behind a toggle, and under an item the file that fixes it or a button that
 * opens the fix as a pull request.
 */
export function Checklist(props: SectionProps & { entity: Entity }) {
  const { entity, status, attention } = props;
  const items = status.checklist;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const passed = items.filter(item => item.status === 'pass').length;
  return (
    <CollapsibleSection
      title={t('checklist.title')}
      {...useHeading(
        attention,
        t('checklist.passed', {
          passed: String(passed),
          total: String(items.length),
        }),
      )}
    >
      <ChecklistBody entity={entity} status={status} />
    </CollapsibleSection>
  );
}

/**
 * The commands to start and stop dev mode and what runs the app in the dev container. Collapsed
 * until asked for. `withoutDown` when `okteto down` is already offered at the top of the card.
 */
export function CommandList(props: {
  status: DevStatus;
  withoutDown?: boolean;
}) {
  const { status, withoutDown } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <CollapsibleSection title={t('commands.title')} defaultOpen={false}>
      <CommandListBody status={status} withoutDown={withoutDown} />
    </CollapsibleSection>
  );
}
