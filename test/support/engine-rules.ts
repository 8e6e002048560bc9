/** Pieces of rule files for the engine suites, written against the emulator's generated catalog (emulator/generate.ts). */

/** The warehouse keys every generated catalog has, with all their values. */
export const WAREHOUSE_KEYS = `tagKeys:
  - key: layer
    values: [ods, dwd, dws, ads, dim]
  - key: classification
    values: [public, internal, confidential, restricted]`;

/** Tagged assets, every workspace's tasks in both envs, and the Prod MaxCompute project of each workspace. */
export const CATALOG_SOURCES = `sources:
  tagged: true
  tasks: { projects: [91234, 10001, 10002, 10003], env: [Prod, Dev] }
  tables: { maxcomputeProjects: [sales_dw, user_dw, trade_dw, mkt_dw] }`;

/** ods_* assets get layer=ods, dim_* tables classification=public. */
export const LAYER_AND_DIM_RULES = `rules:
  - id: layer-ods
    match: { name: "ods_*" }
    tags: { layer: ods }
  - id: public-dims
    match: { type: table, name: "dim_*" }
    tags: { classification: public }`;
