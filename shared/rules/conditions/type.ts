/** `type: table | task`: the asset's kind. Negated, it leaves every other kind of the kinds table. */
import { z } from 'zod';
import { ASSET_KIND_NAMES, type AssetKind } from '../../dataworks';
import type { Condition } from './condition';
import { allBut, setFacet } from './facets';

declare module './condition' {
  interface MatchFile {
    type?: AssetKind;
  }
  interface Match {
    type?: AssetKind;
  }
  interface Facets {
    /** the kinds a matching asset may have */
    type: ReadonlySet<AssetKind>;
  }
}

export const type: Condition<'type'> = {
  description: `the asset's kind: ${ASSET_KIND_NAMES.join(' or ')}`,
  schema: () => z.enum(ASSET_KIND_NAMES),
  normalize: (raw) => raw,
  cost: 1,
  reads: [],
  compile: (kind) => (a) => a.kind === kind,
  footprint: {
    facet: setFacet<AssetKind>(),
    of: (kind) => new Set([kind]),
    negation: (kind) => allBut(ASSET_KIND_NAMES, kind),
  },
  explain: (kind, asset) => ({ expected: kind, actual: asset.kind }),
};
