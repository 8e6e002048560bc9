/**
 * EventBridge event patterns (a rule's FilterPattern): compiling the JSON text, with the limits the service
 * states, and matching an event against it. Forms emulated (EventBridge "Event patterns" page,
 * https://www.alibabacloud.com/help/en/eventbridge/latest/event-patterns):
 * - a field -> an array of allowed values, OR-ed: strings, numbers, booleans, null (`""` is the empty string);
 * - a field -> an object: the same one level down (`{"data":{"projectId":[91234]}}`); fields are AND-ed, `{}`
 *   matches every event;
 * - operator objects among the values: `{"prefix":s}`, `{"suffix":s}`, `{"contains":s}`,
 *   `{"anything-but": v | [v, …] | {"prefix":s}}`, `{"exists":true|false}`; several keys in one object
 *   are AND-ed (the docs' `{"prefix":…,"suffix":…}` example); at most five operator objects per field (the
 *   limits page's "five expressions in the map data structure").
 * Refused with a message (so a pattern is never silently misread): `numeric`, `cidr`, any other operator,
 * and values that are neither an array nor an object. Where the docs are silent we follow AWS EventBridge,
 * which this service mirrors (inference): an array in the event matches when one of its elements does; a
 * missing field matches only `{"exists":false}`; prefix/suffix/contains look at strings only.
 */

type Scalar = string | number | boolean | null;

type Test =
  | { kind: 'prefix' | 'suffix' | 'contains'; text: string }
  | { kind: 'anything-but'; values: Scalar[] }
  | { kind: 'anything-but-prefix'; text: string }
  | { kind: 'exists'; exists: boolean };

/** one allowed value: equal to a scalar, or passing every test of an operator object */
type Condition = { equals: Scalar } | { tests: Test[] };

export interface CompiledPattern {
  readonly fields: ReadonlyMap<string, CompiledPattern | Condition[]>;
}

export class PatternError extends Error {}

const MAX_OPERATOR_OBJECTS = 5;

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function textOf(op: string, value: unknown, where: string): string {
  if (typeof value !== 'string') throw new PatternError(`${where}: "${op}" takes a string`);
  return value;
}

function compileTest(op: string, value: unknown, where: string): Test {
  switch (op) {
    case 'prefix':
    case 'suffix':
    case 'contains':
      return { kind: op, text: textOf(op, value, where) };
    case 'exists':
      if (typeof value !== 'boolean') throw new PatternError(`${where}: "exists" takes true or false`);
      return { kind: 'exists', exists: value };
    case 'anything-but':
      if (isObject(value)) {
        const keys = Object.keys(value);
        if (keys.length !== 1 || keys[0] !== 'prefix') throw new PatternError(`${where}: "anything-but" takes a value, a list of values or {"prefix": …}`);
        return { kind: 'anything-but-prefix', text: textOf('prefix', value.prefix, where) };
      }
      if (isScalar(value)) return { kind: 'anything-but', values: [value] };
      if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) return { kind: 'anything-but', values: value };
      throw new PatternError(`${where}: "anything-but" takes a value, a list of values or {"prefix": …}`);
    case 'numeric':
    case 'cidr':
      throw new PatternError(`${where}: the "${op}" operator is not emulated`);
    default:
      throw new PatternError(`${where}: unknown operator "${op}"`);
  }
}

function compileConditions(values: unknown[], where: string): Condition[] {
  if (values.length === 0) throw new PatternError(`${where}: the list of values is empty`);
  const conditions = values.map((v, i): Condition => {
    if (isScalar(v)) return { equals: v };
    if (!isObject(v) || Object.keys(v).length === 0) throw new PatternError(`${where}[${i}]: a value must be a string, number, boolean, null or an operator object`);
    return { tests: Object.entries(v).map(([op, arg]) => compileTest(op, arg, `${where}[${i}]`)) };
  });
  if (conditions.filter((c) => 'tests' in c).length > MAX_OPERATOR_OBJECTS)
    throw new PatternError(`${where}: at most ${MAX_OPERATOR_OBJECTS} operator expressions per field`);
  return conditions;
}

function compileObject(pattern: Record<string, unknown>, where: string): CompiledPattern {
  const fields = new Map<string, CompiledPattern | Condition[]>();
  for (const [field, value] of Object.entries(pattern)) {
    const at = where ? `${where}.${field}` : field;
    if (Array.isArray(value)) fields.set(field, compileConditions(value, at));
    else if (isObject(value)) fields.set(field, compileObject(value, at));
    else throw new PatternError(`${at}: must be a list of values or an object of fields`);
  }
  return { fields };
}

/** The pattern in `text`, or a PatternError saying what is wrong with it. */
export function compilePattern(text: string): CompiledPattern {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PatternError('the pattern is not JSON');
  }
  if (!isObject(json)) throw new PatternError('the pattern must be a JSON object');
  return compileObject(json, '');
}

function passes(test: Test, value: unknown): boolean {
  switch (test.kind) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(test.text);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(test.text);
    case 'contains':
      return typeof value === 'string' && value.includes(test.text);
    case 'anything-but':
      return isScalar(value) && !test.values.includes(value);
    case 'anything-but-prefix':
      return typeof value === 'string' && !value.startsWith(test.text);
    case 'exists':
      return test.exists;
  }
}

/** Whether one value (an element, when the event holds an array) meets the condition. */
function meets(condition: Condition, value: unknown): boolean {
  return 'equals' in condition ? value === condition.equals : condition.tests.every((t) => passes(t, value));
}

function fieldMatches(conditions: Condition[], present: boolean, value: unknown): boolean {
  if (!present) return conditions.some((c) => 'tests' in c && c.tests.every((t) => t.kind === 'exists' && !t.exists));
  const candidates = Array.isArray(value) && value.length > 0 ? value : [value];
  return conditions.some((c) => candidates.some((v) => meets(c, v)));
}

export function matches(pattern: CompiledPattern, event: unknown): boolean {
  const object = isObject(event) ? event : {};
  for (const [field, rule] of pattern.fields) {
    const present = Object.hasOwn(object, field);
    const value = present ? object[field] : undefined;
    if (Array.isArray(rule)) {
      if (!fieldMatches(rule, present, value)) return false;
    } else if (!isObject(value) || !matches(rule, value)) return false;
  }
  return true;
}
