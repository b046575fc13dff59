import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  devMessage,
  DevMessageCode,
  DevMessageParams,
  DevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import { refKey } from './ClaimIndex';

/** Where a contested target is, in words its own entity's viewers may read (no cluster names). */
function targetParams(target: DevTarget): DevMessageParams {
  return {
    namespace: target.namespace,
    workload: target.workload,
    application: `${target.application.namespace}/${target.application.name}`,
  };
}

/**
 * The answer for an entity whose dev target another entity claims too: HTTP 409, with the
 * statement as a `DevMessage` (`code`, `params`, `message`) so the card can say it in the reader's
 * language. As thrown, it names no other entity: {@link nameVisibleClaimants} names those the
 * caller may see in the catalog. The other claimants and the target are kept off the serialised
 * error (not enumerable).
 */
export class ContestedTargetError extends ConflictError {
  readonly code: DevMessageCode;
  readonly params: DevMessageParams;
  /** The other claimants (not enumerable: never serialised into an answer). */
  declare readonly others: string[];
  /** The contested target (not enumerable). */
  declare readonly target: DevTarget;

  constructor(target: DevTarget, others: string[], named: string[] = []) {
    const statement =
      named.length === 0
        ? devMessage('claimContested', targetParams(target))
        : devMessage(
            others.length > named.length
              ? 'claimContestedByAndHidden'
              : 'claimContestedBy',
            { ...targetParams(target), entities: named.join(', ') },
          );
    super(statement.message);
    this.code = statement.code;
    this.params = statement.params;
    Object.defineProperty(this, 'others', { value: others, enumerable: false });
    Object.defineProperty(this, 'target', { value: target, enumerable: false });
  }

  /** The same statement, naming `named` (those of the other claimants the caller may see). */
  naming(named: string[]): ContestedTargetError {
    return new ContestedTargetError(this.target, this.others, named);
  }
}

/**
 * Errors as `credentials` may read them: in a contested target's error, the other claimants the
 * caller can see in the catalog are named (one catalog request for all of them), the others are
 * "another catalog entity". Other errors are returned as they are. When the catalog cannot be
 * asked, nobody is named.
 */
export async function nameVisibleClaimants(
  errors: Error[],
  credentials: BackstageCredentials,
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
): Promise<Error[]> {
  const refs = [
    ...new Set(
      errors.flatMap(e => (e instanceof ContestedTargetError ? e.others : [])),
    ),
  ];
  if (refs.length === 0) return errors;
  let visible = new Set<string>();
  try {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    visible = new Set(
      items
        .filter((e): e is Entity => Boolean(e))
        .map(e => refKey(stringifyEntityRef(e))),
    );
  } catch {
    // nobody is named
  }
  return errors.map(e =>
    e instanceof ContestedTargetError
      ? e.naming(e.others.filter(ref => visible.has(refKey(ref))))
      : e,
  );
}
