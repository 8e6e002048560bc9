/** `projects: [ids]`: the asset's DataWorks workspace is one of these; for tables known once details are fetched. */
import { workspaceIds as projectIds } from '../../discovery';
import { detailsPending, type Condition } from './condition';
import { setFacet, unionOfAll } from './facets';

declare module './condition' {
  interface MatchFile {
    projects?: number[];
  }
  interface Match {
    /** DataWorks workspace ids */
    projects?: number[];
  }
  interface Facets {
    /** the workspaces a matching asset may be in */
    projects: ReadonlySet<number>;
  }
}

export const projects: Condition<'projects'> = {
  description: 'DataWorks workspace ids',
  schema: () => projectIds,
  normalize: (raw) => raw,
  cost: 2,
  reads: ['projectId'],
  compile: (ids) => {
    const set = new Set(ids);
    return (a) => (a.projectId !== undefined ? set.has(a.projectId) : detailsPending(a));
  },
  footprint: { facet: setFacet<number>(), of: (ids) => new Set(ids) },
  pushdown: (facets) => {
    const ids = unionOfAll(facets);
    return ids ? { projects: ids.sort((a, b) => a - b) } : {};
  },
  explain: (ids, asset) => ({ expected: ids, actual: asset.projectId }),
};
