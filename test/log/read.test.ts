import { createLogger, readLogRecords } from '../../shared/log';

/** Lines as the logger writes them. */
function written(): string[] {
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), now: () => 0 }).child({ requestId: 'r-1' });
  logger.info('run piece finished', { runId: 'run-1', piece: 1 });
  logger.warn('something else', { n: 2 });
  return lines;
}

describe('log: reading lines back', () => {
  it('reads JSON lines as the logger writes them, passing over lines that hold no record', () => {
    const text = ['FC Invoke Start RequestId: r-1', ...written(), '', 'not json {', 'FC Invoke End RequestId: r-1'].join('\n');
    const { records, skipped } = readLogRecords(text);
    expect(records).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'info', msg: 'run piece finished', requestId: 'r-1', runId: 'run-1', piece: 1 },
      { time: '1970-01-01T00:00:00.000Z', level: 'warn', msg: 'something else', requestId: 'r-1', n: 2 },
    ]);
    expect(skipped).toBe(3);
  });

  it('reads Simple Log Service entries, the line in `message`: a JSON array as get_log_all prints it, or one entry per line', () => {
    const entries = written().map((message) => ({ __topic__: 'FCLogs:autotag-scheduled', __time__: '1719382500', functionName: 'autotag-scheduled', message }));
    const expected = readLogRecords(written().join('\n')).records;
    expect(readLogRecords(JSON.stringify(entries, null, 2)).records).toEqual(expected);
    expect(readLogRecords(entries.map((e) => JSON.stringify(e)).join('\n')).records).toEqual(expected);
  });

  it('takes a line behind the prefix FC\'s context logger writes', () => {
    const [line] = written();
    expect(readLogRecords(`2024-06-03T18:00:00.000Z r-1 [INFO] ${line}`).records).toEqual([JSON.parse(line)]);
  });
});
