/**
 * `env: Prod | Dev`: the asset's DataWorks environment; for tables known only once details are fetched. An
 * asset may report none even then: `env` is false for it, so `not: { env }` holds, and its facet says so.
 */
import { ENV_TYPES, type EnvType } from '../../dataworks';
import { envType as envSchema } from '../../discovery';
import { detailsPending, type Condition } from './condition';
import { allBut, setFacet } from './facets';

declare module './condition' {
  interface MatchFile {
    env?: EnvType;
  }
  interface Match {
    env?: EnvType;
  }
  interface Facets {
    /** the environments a matching asset may be in, `unreported` for one that reports none */
    env: ReadonlySet<EnvType | typeof UNREPORTED>;
  }
}

const UNREPORTED = 'unreported';

export const env: Condition<'env'> = {
  description: `the asset's environment: ${ENV_TYPES.join(' or ')}`,
  schema: () => envSchema,
  normalize: (raw) => raw,
  cost: 1,
  reads: ['envType'],
  compile: (want) => (a) => (a.envType !== undefined ? a.envType === want : detailsPending(a)),
  footprint: {
    facet: setFacet<EnvType>(),
    of: (want) => new Set([want]),
    negation: (want) => allBut([...ENV_TYPES, UNREPORTED], want),
  },
  pushdown: (facets) => {
    const [first] = facets;
    const single = first?.size === 1 ? [...first][0] : undefined;
    return single && single !== UNREPORTED && facets.every((f) => f?.size === 1 && f.has(single)) ? { env: single } : {};
  },
  explain: (want, asset) => ({ expected: want, actual: asset.envType }),
};
