export { WorkloadController } from './controller';
export type { WorkloadControllerOptions } from './controller';
export { buildReplicaSet } from './deployment';
export {
  INIT_STATE_ANNOTATION,
  POD_STATE_ANNOTATION,
  initFailureOf,
  podStateOf,
} from './knobs';
export type { InitFailure, PodState } from './knobs';
export { podName, podTemplateHash } from './model';
export { buildPod, podReady } from './pods';
export type { PodContext } from './pods';
export { podSecurityError } from './podSecurity';
export { isBound } from './pvc';
