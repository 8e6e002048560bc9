/**
 * The triggers, one folder each (timer, eventbridge, http): how FC delivers its events, what its function
 * does with them, and the label its runs carry. `TRIGGERS` lists them all, the way the emulator lists its
 * actions; a function's handler picks its trigger and calls `handleInvocation`. A new trigger is a new
 * folder, one entry here, and a function that uses it. Each trigger's own parts (event parser, service,
 * tables) are named by its folder's index.ts.
 */
import { eventbridge } from './eventbridge';
import { http } from './http';
import { timer } from './timer';
import type { Trigger } from './trigger';

export const TRIGGERS: readonly Trigger[] = [timer, eventbridge, http];

export { timer, eventbridge, http };
export { handleInvocation, type Trigger } from './trigger';
export { MAX_BODY_BYTES, ROUTE_PATHS, type HttpRunRequest } from './http';
export { connectBus, connection, type Connection, type ConnectResult } from './eventbridge';
export { combineRunPieces, type ChainReport, type ChainState, type RunPiecesReport } from './timer';
