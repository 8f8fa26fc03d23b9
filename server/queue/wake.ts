/**
 * In-process wake-up: a job enqueued by this process should start at once, not at the next poll.
 * enqueue() calls notifyWorkers() after its commit; code that inserts jobs with its own batch
 * (jobInsertStatement, e.g. the webhook intake) calls it after that batch commits. Workers in other
 * processes still find the job at their next poll.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function onJobsEnqueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyWorkers(): void {
  for (const l of listeners) l();
}
