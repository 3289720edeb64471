/**
 * Interrupting a long command: Ctrl-C and SIGTERM abort a signal that the library watches, and a
 * test hook that interrupts at a known point.
 */
import type { ExperimentEvent } from '../experiment/run.js';

/**
 * A test hook, read here and nowhere below the command line: `ENTENTE_TEST_INTERRUPT=runs:N`
 * sends this process SIGINT once N runs are done in this session, `analysis:N` once N blocks of
 * the analysis are done (0: as it starts), `kill-analysis:N` kills it (SIGKILL) there instead.
 * It makes the interruption tests interrupt at a known point.
 */
export function testInterrupt(): (e: ExperimentEvent) => void {
  const m = /^(runs|analysis|kill-analysis):(\d+)$/.exec(process.env.ENTENTE_TEST_INTERRUPT ?? '');
  if (m === null) return () => undefined;
  const at = Number(m[2]);
  let sent = false;
  return (e) => {
    if (sent) return;
    const hit = (m[1] === 'runs' && e.kind === 'runs' && e.done >= at) || (m[1] !== 'runs' && e.kind === 'analysing' && e.blocksDone >= at);
    if (!hit) return;
    sent = true;
    process.kill(process.pid, m[1] === 'kill-analysis' ? 'SIGKILL' : 'SIGINT');
  };
}

/**
 * Ctrl-C and SIGTERM abort the returned signal: the library stops at its next safe point. A
 * second one stops at once (what the done log lists is on disk, so nothing finished is lost).
 */
export function interruptSignal(again: string): { signal: AbortSignal; dispose: () => void } {
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) { process.stderr.write(`stopped at once; ${again}\n`); process.exit(130); }
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: abort.signal, dispose: () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
}
