export { ACME_CONVENTIONS } from './conventions';
export {
  ACME_SCENARIO,
  ACME_SCENARIO_APPS,
  ACME_SCENARIO_OPTIONS,
} from './scenario';
