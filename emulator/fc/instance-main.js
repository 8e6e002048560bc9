'use strict';
/**
 * The inside of a local FC instance: a bare Node process that loads one function's bundle once (its cold
 * start, with the environment FC gives that function) and then serves invocations one at a time over IPC,
 * as FC 3.0's Node.js runtime does. Plain CommonJS, because it runs outside any TypeScript loader; its
 * messages are typed on the parent's side (instance.ts). Everything the function writes to stdout/stderr goes
 * to the instance's stdout, a pipe the parent reads: on Linux node writes to a pipe synchronously, so a
 * function that logs faster than its logs are read waits, as it does on FC's log pipe, instead of queueing
 * them in its own memory. Before each message that ends an invocation (or the cold start) a marker line goes
 * down the same pipe, so the parent attributes every line to the invocation that wrote it.
 * argv: <bundle path> <export name>.
 */
const [bundle, exportName] = process.argv.slice(2);
function describe(error, handled) {
  const e = error instanceof Error ? error : new Error(String(error));
  const stackTrace = (e.stack || '').split('\n').slice(1).map((line) => line.trim());
  return { errorMessage: e.message, errorType: e.name || 'Error', stackTrace, handled };
}

// instance.ts splits the pipe at this line (a NUL, which no log line of ours carries)
const END_MARKER = '\u0000end';
const toPipe = process.stdout.write.bind(process.stdout);
process.stderr.write = (chunk, encoding, done) => toPipe(chunk, encoding, done);

/** Sends a message that ends an invocation (or the cold start) once every line written before it is in the pipe. */
function end(message, then) {
  toPipe(`\n${END_MARKER}\n`);
  process.send(message, then);
}

/** The bytes FC returns for a handler's result: raw for a Buffer or string, JSON for anything else. */
function serialize(value) {
  if (value === undefined) return { bytes: Buffer.alloc(0), json: false };
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { bytes: Buffer.from(value), json: false };
  if (typeof value === 'string') return { bytes: Buffer.from(value, 'utf8'), json: false };
  return { bytes: Buffer.from(JSON.stringify(value), 'utf8'), json: true };
}

function logger(requestId) {
  const line = (level) => (...args) => process.stdout.write(`${new Date().toISOString()} ${requestId} [${level}] ${args.join(' ')}\n`);
  return { debug: line('DEBUG'), info: line('INFO'), warn: line('WARN'), error: line('ERROR'), log: line('INFO') };
}

/** An error a callback-style handler passed to its callback: FC calls it handled. */
class Handled {
  constructor(error) {
    this.error = error;
  }
}

/** An async handler's promise, or a callback-style (event, context, callback) handler's answer. */
function call(handler, event, context) {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => handler(event, context, (error, value) => (error ? reject(new Handled(error)) : resolve(value))));
}

let handler;
try {
  handler = require(bundle)[exportName];
  if (typeof handler !== 'function') throw new Error(`${bundle} exports no function "${exportName}"`);
} catch (error) {
  end({ type: 'init-error', error: describe(error, false) }, () => process.exit(1));
  return;
}

/** The instance's peak resident set so far, KiB: what FC's memory limit is measured against. */
const maxRssKiB = () => process.resourceUsage().maxRSS;

process.on('message', (message) => {
  if (!message || message.type !== 'invoke') return;
  const context = { ...message.context, logger: logger(message.context.requestId) };
  call(handler, Buffer.from(message.event), context)
    .then(serialize)
    .then(
      (result) => end({ type: 'done', ok: true, ...result, maxRssKiB: maxRssKiB() }),
      (error) => end({ type: 'done', ok: false, error: error instanceof Handled ? describe(error.error, true) : describe(error, false), maxRssKiB: maxRssKiB() }),
    );
});
process.send({ type: 'ready' });
