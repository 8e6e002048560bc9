/**
 * A rule set that makes every kind of write against the emulator's generated catalog (emulator/generate.ts):
 * it creates a tag key (`reviewed`), extends one (`layer` gains `tmp`), binds new tags, and overwrites the
 * `classification=internal` many `ods_user_*` / `ods_member_*` assets carry (UnTag, then Tag). Used where a
 * run must be judged on all of them at once: the fault scenarios (test/faults) and the audit trail's tests.
 * No rule's match reads a key a rule overwrites, so a run stopped between an unbind and its bind is finished
 * by the next run (it finds the key unbound and binds it).
 */
import { CATALOG_SOURCES } from './engine-rules';

export const WRITE_KINDS_RULES = `
version: 1
name: write-kinds
tagKeys:
  - key: layer
    values: [ods, dwd, dws, ads, dim, tmp]
  - key: classification
    values: [public, internal, confidential, restricted]
  - key: reviewed
    values: ["no"]
${CATALOG_SOURCES}
rules:
  - id: personal-confidential
    match: { name: ["ods_user_*", "ods_member_*"] }
    tags: { classification: confidential }
    onConflict: overwrite
  - id: tmp-layer
    match: { name: "*_tmp_*" }
    tags: { layer: tmp }
    priority: 10
  - id: layer-ods
    match: { name: "ods_*" }
    tags: { layer: ods }
  - id: public-dims
    match: { type: table, name: "dim_*" }
    tags: { classification: public }
  - id: dws-unreviewed
    match: { name: "dws_*" }
    tags: { reviewed: "no" }
`;
