/**
 * What every command shares: bad input is reported in full and exits with code 2, having
 * written nothing; anything unexpected exits with code 1 and a one-line message.
 */
import { CommanderError, type Command } from 'commander';
import { formatProblem } from '../io/document.js';
import { commandLineProblem, ProblemError } from '../io/problem.js';

export { sha256 } from '../io/hash.js';
export { gitCommit } from '../io/git.js';

export const EXIT_BAD_INPUT = 2;

/** Bad input found before anything was written (the problem type of every module: src/io/problem.ts). */
export { ProblemError as InputError } from '../io/problem.js';

/** A bad command-line value, thrown like a file problem with `<command line>` as the file. */
export function optionProblem(option: string, message: string): ProblemError {
  return new ProblemError([commandLineProblem(option, message)]);
}

/** Runs a command's main function with the exit-code conventions above. */
export async function runCommand(program: Command, argv: string[], main: () => Promise<void> | void): Promise<void> {
  program.exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // Output piped into a reader that stops early (`| head`): stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  try {
    program.parse(argv);
    await main();
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') process.exit(0);
      process.exit(EXIT_BAD_INPUT);
    }
    if (e instanceof ProblemError) {
      const n = e.problems.length;
      process.stderr.write(`${e.problems.map(formatProblem).join('\n')}\n${n} problem${n === 1 ? '' : 's'} found; nothing was written.\n`);
      process.exit(EXIT_BAD_INPUT);
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}


/** A plain aligned text table. */
export { table } from '../text/table.js';
