/**
 * The job engine's public face. Everything that is work becomes a job row; workers claim jobs with
 * a lease, run the handler registered for the job's kind, and record each attempt.
 *
 *   enqueue / enqueueMany       add jobs (enqueue-sql.ts for a job inside your own batch,
 *                               or a delivery's job beside its row)
 *   createWorker                the claim loop (worker.ts)
 *   exceptions                  list / retry / bulk retry / cancel, audited
 *   jobStats, jobsForKey        dashboard figures, an order's job history
 *   replayDelivery              support: run a stored delivery again as a new job
 *   cancelJobsForStore          uninstall
 *   pruneFinishedJobs           retention
 */
export * from './types';
export { enqueue, enqueueMany } from './enqueue';
export { jobForDeliveryStatement, jobInsertStatement, type DeliveryJobInput } from './enqueue-sql';
export { notifyWorkers } from './wake';
export { createWorker, type Worker, type WorkerOptions, type WorkerStatus } from './worker';
export { retryPolicy, type RetryDecision, type RetryInput } from './retry-policy';
export { limitForTarget, type TargetLimits } from './target-limits';
export * from './exceptions';
export { jobStats, jobsForKey, type JobStats, type JobWithAttempts } from './stats';
export { replayDelivery } from './replay';
export { cancelJobsForStore } from './uninstall';
export { pruneFinishedJobs } from './retention';
export { orderKey, sageWriteTarget } from './keys';
