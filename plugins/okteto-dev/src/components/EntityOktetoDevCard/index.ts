export { EntityOktetoDevCard } from './EntityOktetoDevCard';
