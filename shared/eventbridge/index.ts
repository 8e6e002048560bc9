/**
 * Alibaba Cloud EventBridge, as autotag uses it: the control-plane client that connects a custom event bus
 * to a function (the workspace-level DataWorks events reach no other bus; research.md §3), the rule and
 * target shapes, and the RAM actions those calls need.
 */
export { createEventBridgeClient, eventBridgeEndpoint, EventBridgeError, EVENTBRIDGE_VERSION, type EventBridgeClient } from './client';
export { type EventRule, type EventTarget } from './model';
export { CONNECT_RAM_ACTIONS } from './ram';
