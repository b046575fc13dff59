import type { SandboxStore } from '../store';
import type { KubeObject } from '../types';
import type { Any } from './index';

/** Loose access to an Event in assertions. */
export const ev = (e: KubeObject) => e as Any;

/** The Warning events of a namespace (`fieldSelector=type=Warning`). */
export const warningEvents = (store: SandboxStore, ns: string) =>
  store
    .list('events', { namespace: ns, fieldSelector: 'type=Warning' })
    .map(ev);

/** The Events about an object (`fieldSelector=involvedObject.name=…`). */
export const eventsAbout = (store: SandboxStore, ns: string, name: string) =>
  store
    .list('events', {
      namespace: ns,
      fieldSelector: `involvedObject.name=${name}`,
    })
    .map(ev);
