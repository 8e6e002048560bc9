/**
 * The README's autotag commands are ones the built CLI has: every command (and subcommand) exists, every flag
 * is in that command's --help, and every repository file named as an argument exists. (What the commands do is
 * tested in test/cli; this keeps the documentation from drifting away from them.) The HTTP section shows only
 * the commands test/cli/remote.test.ts runs against the local FC, and all of them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_HTTP_COMMANDS } from './cli/remote-readme';

const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** `autotag <command> ...` as written in code blocks (and, for the whole README, inline code), up to a comment, pipe or redirect. */
function documentedCommands(text = readme, withInline = true): string[][] {
  const snippets = [...text.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n'));
  const inline = withInline ? [...text.matchAll(/`((?:npx )?autotag [^`]+)`/g)].map((m) => m[1]) : [];
  return [...snippets, ...inline]
    .map((line) => /(?:^|\s)autotag\s+(.*)$/.exec(line)?.[1])
    .filter((rest): rest is string => !!rest)
    .map((rest) => rest.split(/\s+(?:#|\||>)/)[0].trim().split(/\s+/))
    .filter((words) => /^[a-z]/.test(words[0]));
}

const help = new Map<string, string>();
const helpOf = (...command: string[]) => {
  const key = command.join(' ');
  if (!help.has(key)) help.set(key, execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...command, '--help'], { encoding: 'utf8' }));
  return help.get(key)!;
};
/** The command the words name: a command with subcommands (remote, events) with its subcommand, when one is given. */
const commandOf = (words: string[]) => (words[1] && /^Commands:/m.test(helpOf(words[0])) ? [words[0], words[1]] : [words[0]]);

/** The README's section on calling the HTTP function, up to the next heading. */
const httpSection = /### Calling the HTTP function\n([\s\S]*?)\n#{2,3} /.exec(readme)?.[1] ?? '';

describe('README', () => {
  const commands = [...new Map(documentedCommands().map((words) => [words.join(' '), words])).values()];

  it('documents the CLI commands (the extraction finds them)', () => {
    expect(new Set(commands.map((c) => c[0]))).toEqual(new Set(['validate', 'plan', 'apply', 'coverage', 'schema', 'policy', 'emulator', 'invoke', 'remote', 'events', 'report', 'demo']));
  });

  it.each(commands.map((words) => [words.join(' '), words] as const))('autotag %s: the command and its flags exist', (_line, words) => {
    const command = commandOf(words);
    const text = helpOf(...command);
    expect(text).toMatch(new RegExp(`^Usage: autotag ${command.join(' ')} `, 'm'));
    for (const flag of words.filter((w) => w.startsWith('--'))) expect(text).toContain(flag.split('=')[0]);
  });

  it.each(commands.map((words) => [words.join(' '), words] as const))('autotag %s: the repository files it names exist', (_line, words) => {
    for (const file of words.filter((w) => /^(rules|test)\/[\w./-]+\.(ya?ml|json)$/.test(w))) expect(existsSync(join(ROOT, file))).toBe(true);
  });

  it('shows in its HTTP section exactly the commands the remote test runs through the local FC gateway', () => {
    const shown = documentedCommands(httpSection, false).map((words) => words.join(' '));
    expect(shown).toEqual(README_HTTP_COMMANDS.map((words) => words.join(' ')));
  });
});
