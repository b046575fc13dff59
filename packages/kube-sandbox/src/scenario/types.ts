import type { GroupSwitches } from '../discovery';
import type { OktetoUpOptions } from '../okteto';
import type { ForbidRules } from '../server';
import type { JsonObject, KubeObject } from '../types';

export const SCENARIO_API_VERSION = 'sandbox.okteto-dev/v1';

/** An `okteto up` applied when the scenario loads. */
export interface ScenarioOktetoSession extends OktetoUpOptions {
  /**
   * Dev mode started this long ago (`2d`, `36h`, `90m`): the clone, its
   * ReplicaSet and pods get that creationTimestamp.
   */
  startedAgo?: string;
}

/** What happens in Argo CD after the Okteto sessions, in order. */
export type ScenarioArgoCdAction =
  | { newCommit: string; revision?: string }
  | {
      drift: {
        application: string;
        kind: string;
        name: string;
        patch: JsonObject;
        namespace?: string;
      };
    }
  | { failSync: { application: string; message: string } }
  | { comparisonError: { application: string; message: string } }
  | { freeze: { application: string; reconciledAt?: string } };

export interface ScenarioArgoCdOptions {
  /** Run the Argo CD simulation (default true when there are Applications). */
  enabled?: boolean;
  /** Argo CD's clock while the scenario loads (ISO time; default: real). */
  clock?: string;
  actions?: ScenarioArgoCdAction[];
}

/** Options of a scenario (`kind: Scenario` document, e.g. scenario.yaml). */
export interface ScenarioOptions {
  forbid?: ForbidRules;
  groups?: GroupSwitches;
  okteto?: ScenarioOktetoSession[];
  argocd?: ScenarioArgoCdOptions;
}

export interface Scenario {
  name: string;
  objects: KubeObject[];
  options: ScenarioOptions;
}

/**
 * A bare shipped name (`web-core`), a file, a directory of YAML/JSON files,
 * one object, an array of objects, or `{ objects, options }`.
 */
export type ScenarioInput =
  | string
  | KubeObject
  | KubeObject[]
  | { name?: string; objects: KubeObject[]; options?: ScenarioOptions };
