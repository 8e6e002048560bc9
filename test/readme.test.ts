/**
 * The README's autotag commands are ones the built CLI has: every command exists, every flag is in that
 * command's --help, and every repository file named as an argument exists. (What the commands do is tested
 * in test/cli; this keeps the documentation from drifting away from them.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** `autotag <command> ...` as written in code blocks and inline code, up to a comment, pipe or redirect. */
function documentedCommands(): string[][] {
  const snippets = [...readme.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
  const inline = [...readme.matchAll(/`((?:npx )?autotag [^`]+)`/g)].map((m) => m[1]);
  return [...snippets, ...inline]
    .map((line) => /(?:^|\s)autotag\s+(.*)$/.exec(line)?.[1])
    .filter((rest): rest is string => !!rest)
    .map((rest) => rest.split(/\s+(?:#|\||>)/)[0].trim().split(/\s+/))
    .filter((words) => /^[a-z]/.test(words[0]));
}

const help = new Map<string, string>();
const helpOf = (command: string) => {
  if (!help.has(command)) help.set(command, execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), command, '--help'], { encoding: 'utf8' }));
  return help.get(command)!;
};

describe('README', () => {
  const commands = [...new Map(documentedCommands().map((words) => [words.join(' '), words])).values()];

  it('documents the CLI commands (the extraction finds them)', () => {
    expect(new Set(commands.map((c) => c[0]))).toEqual(new Set(['validate', 'plan', 'apply', 'schema', 'policy', 'emulator', 'invoke', 'demo']));
  });

  it.each(commands.map((words) => [words.join(' '), words] as const))('autotag %s: the command and its flags exist', (_line, words) => {
    const text = helpOf(words[0]);
    for (const flag of words.filter((w) => w.startsWith('--'))) expect(text).toContain(flag.split('=')[0]);
  });

  it.each(commands.map((words) => [words.join(' '), words] as const))('autotag %s: the repository files it names exist', (_line, words) => {
    for (const file of words.filter((w) => /^(rules|test)\/[\w./-]+\.(ya?ml|json)$/.test(w))) expect(existsSync(join(ROOT, file))).toBe(true);
  });
});
