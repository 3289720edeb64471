/**
 * A worker thread of the experiment pool: builds one BatchRunner from the plan it is given at
 * start, then runs the batches it is sent.
 */
import { workerData } from 'node:worker_threads';
import { BatchRunner, type BatchContext, type BatchResult } from './batch.js';

const runner = new BatchRunner(workerData as BatchContext);

export default function runBatch(task: { start: number; end: number }): BatchResult {
  return runner.run(task.start, task.end);
}
