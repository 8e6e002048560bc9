/**
 * DataWorks OpenEvent's side of the wire: where DataWorks pushes one of its events (research.md §3,
 * reference README §13). Workspace-level events (NodeChange, TableChange, FileChange, …) go to the custom
 * bus an admin mapped the workspace to in the Open Platform, and nowhere when it is not mapped;
 * tenant-level events (upload: `dataworks:ResourcesUpload:*`, whose documented sample carries
 * `aliyuneventbusname: default`) go to the `default` bus. The workspace is `data.projectId` (NodeChange,
 * TableChange, FileChange), else `data.appId` (InstanceStatusChanges). Which other event families are
 * tenant-level is not documented; they are treated as workspace-level.
 */
import { DEFAULT_BUS } from './store';
import type { CloudEvent } from './events';

const TENANT_LEVEL_TYPE_PREFIXES = ['dataworks:ResourcesUpload:'];

export type OpenEventRoute = { eventBusName: string } | { dropped: string };

function workspaceOf(event: CloudEvent): number | undefined {
  const data = typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  const id = Number(data.projectId ?? data.appId);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

export class OpenEventChannels {
  /** workspace id -> bus */
  private readonly channels = new Map<number, string>();

  /** Maps a workspace to a bus ("add event distribution channel"); a workspace has one bus. */
  map(workspaceId: number, eventBusName: string): void {
    this.channels.set(workspaceId, eventBusName);
  }

  mappings(): { workspaceId: number; eventBusName: string }[] {
    return [...this.channels].map(([workspaceId, eventBusName]) => ({ workspaceId, eventBusName }));
  }

  route(event: CloudEvent): OpenEventRoute {
    if (TENANT_LEVEL_TYPE_PREFIXES.some((prefix) => event.type.startsWith(prefix))) return { eventBusName: DEFAULT_BUS };
    const workspace = workspaceOf(event);
    if (workspace === undefined) return { dropped: 'the event names no workspace (data.projectId or data.appId)' };
    const bus = this.channels.get(workspace);
    return bus === undefined ? { dropped: `workspace ${workspace} is mapped to no event bus` } : { eventBusName: bus };
  }
}
