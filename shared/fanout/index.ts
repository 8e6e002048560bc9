/**
 * Fan-out: cut a large run into shards and queue each as an async invocation of the shard function, and queue
 * a run's next piece (its continuation) the same way, each under a task id of its own (piece-id.ts).
 */
export { type AsyncInvokeOptions, type Invoker, type InvokeResult, type InvokeTarget, InvocationError, MAX_ASYNC_PAYLOAD_BYTES, ASYNC_TASK_ID, encodePayload } from './invoker';
export { createFc3Invoker, FC3_API_VERSION, type Fc3InvokerOptions } from './fc3';
export { createFc2Invoker, type Fc2InvokerOptions } from './fc2';
export { invokerFor, type InvokerEnvironment } from './target';
export { runScopeSchema, type RunScope, type ShardingPolicy } from './scope';
export { planShards, checkShard, shardSpecs, type ShardOptions, type ShardPlan } from './shards';
export { countCatalog } from './count';
export { allRetryable, dispatchShards, type DispatchResult, type DispatchOptions } from './dispatch';
export { pieceTaskId, shardLabel } from './piece-id';
