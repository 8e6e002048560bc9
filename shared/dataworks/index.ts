/** The DataWorks API as autotag uses it: the public face of shared/dataworks. */
export { createDataWorksClient } from './client';
export type { ClientOptions, DataWorksClient } from './client';
export { resolveEndpoint } from './endpoint';
export type { EndpointOptions, ResolvedEndpoint } from './endpoint';
export { budgetOf, createApiLimiters, DEFAULT_QPS } from './budgets';
export type { ApiLimiters, Budget, BudgetOptions } from './budgets';
export { tagKeyProblem, tagValueProblem } from './tags';
export * from './types';
