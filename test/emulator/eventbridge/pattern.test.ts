import { compilePattern, matches, PatternError } from '../../../emulator/eventbridge/pattern';
import commitTable from '../../fixtures/events/eventbridge-dataworks-table-commit.json';
import upload from '../../fixtures/events/eventbridge-dataworks-upload-data-to-table.json';

const match = (pattern: unknown, event: unknown = commitTable) => matches(compilePattern(JSON.stringify(pattern)), event);

describe('emulator/eventbridge/pattern', () => {
  it('matches a field against a list of allowed values (OR), fields together (AND)', () => {
    expect(match({ source: ['acs.dataworks'], type: ['dataworks:TableChange:CommitTable', 'dataworks:TableChange:DeployTable'] })).toBe(true);
    expect(match({ source: ['acs.dataworks'], type: ['dataworks:TableChange:DeployTable'] })).toBe(false);
    expect(match({ source: ['acs.oss'], type: ['dataworks:TableChange:CommitTable'] })).toBe(false);
    expect(match({})).toBe(true);
  });

  it('matches nested fields, numbers, empty strings and null exactly, case-sensitively', () => {
    expect(match({ data: { projectId: [91234], maxComputeProject: ['sales_dw'] } })).toBe(true);
    expect(match({ data: { projectId: ['91234'] } })).toBe(false);
    expect(match({ data: { tableName: ['DIM_CUSTOMER'] } })).toBe(false);
    expect(match({ subject: [''] })).toBe(true);
    expect(match({ data: { projectId: [null] } })).toBe(false);
    expect(match({ data: { note: [null] } }, { data: { note: null } })).toBe(true);
    expect(match({ source: { nested: ['x'] } })).toBe(false);
  });

  it('supports prefix, suffix and contains, together in one expression', () => {
    expect(match({ type: [{ prefix: 'dataworks:TableChange:' }] })).toBe(true);
    expect(match({ type: [{ prefix: 'dataworks:NodeChange:' }] })).toBe(false);
    expect(match({ type: [{ suffix: ':CommitTable' }] })).toBe(true);
    expect(match({ type: [{ contains: 'TableChange' }] })).toBe(true);
    expect(match({ type: [{ prefix: 'dataworks:', suffix: 'Table' }] })).toBe(true);
    expect(match({ type: [{ prefix: 'dataworks:', suffix: 'File' }] })).toBe(false);
    expect(match({ data: { projectId: [{ prefix: '9' }] } })).toBe(false);
    expect(match({ type: [{ prefix: 'dataworks:ResourcesUpload:' }, 'dataworks:TableChange:CommitTable'] }, upload)).toBe(true);
  });

  it('supports anything-but (a value, a list, a prefix) and exists', () => {
    expect(match({ data: { tableType: [{ 'anything-but': 'HOLO' }] } })).toBe(true);
    expect(match({ data: { tableType: [{ 'anything-but': ['ODPS', 'HOLO'] }] } })).toBe(false);
    expect(match({ type: [{ 'anything-but': { prefix: 'dataworks:Table' } }] })).toBe(false);
    expect(match({ data: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
    expect(match({ data: { extensionBizId: [{ exists: true }] } })).toBe(true);
    expect(match({ data: { ownerId: [{ exists: false }] } })).toBe(true);
    expect(match({ data: { ownerId: [{ exists: true }] } })).toBe(false);
    expect(match({ data: { tableName: [{ exists: false }] } })).toBe(false);
  });

  it('matches an array in the event when one element does', () => {
    expect(match({ data: { tags: ['pii'] } }, { data: { tags: ['layer', 'pii'] } })).toBe(true);
    expect(match({ data: { tags: [{ prefix: 'x' }] } }, { data: { tags: ['layer', 'pii'] } })).toBe(false);
  });

  it.each([
    ['{', 'not JSON'],
    ['[]', 'a JSON object'],
    ['{"source":"acs.dataworks"}', 'source: must be a list'],
    ['{"data":{"projectId":[]}}', 'data.projectId: the list of values is empty'],
    ['{"type":[{}]}', 'operator object'],
    ['{"type":[["a"]]}', 'operator object'],
    ['{"type":[{"prefix":1}]}', '"prefix" takes a string'],
    ['{"type":[{"exists":"yes"}]}', '"exists" takes true or false'],
    ['{"type":[{"anything-but":{"suffix":"x"}}]}', '"anything-but" takes'],
    ['{"type":[{"anything-but":[]}]}', '"anything-but" takes'],
    ['{"data":{"fileSize":[{"numeric":[">",0]}]}}', '"numeric" operator is not emulated'],
    ['{"ip":[{"cidr":"10.0.0.0/24"}]}', '"cidr" operator is not emulated'],
    ['{"type":[{"wildcard":"*"}]}', 'unknown operator "wildcard"'],
  ])('refuses %s: %s', (text, why) => {
    expect(() => compilePattern(text)).toThrow(PatternError);
    expect(() => compilePattern(text)).toThrow(why);
  });

  it('allows five operator expressions on a field, not six; plain values do not count', () => {
    const ops = (n: number) => Array.from({ length: n }, (_, i) => ({ prefix: `p${i}` }));
    expect(() => compilePattern(JSON.stringify({ type: [...ops(5), 'a', 'b', 'c'] }))).not.toThrow();
    expect(() => compilePattern(JSON.stringify({ type: ops(6) }))).toThrow('at most 5');
  });
});
