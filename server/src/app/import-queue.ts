import type { AppDeps } from './deps.ts';
import { AppError } from './errors.ts';

/**
 * A small queue in front of the heavy imports (registry workbooks, bureau files): at most `concurrency` parse
 * and write at once (HEAVY_IMPORT_CONCURRENCY, default 1), the others wait in arrival order and are told their
 * place (1 = next). Four large workbooks uploaded together used to be parsed together and held the server near
 * its heap limit for a minute; queued, each takes its few seconds in turn and the event loop stays free between.
 */
export interface ImportQueue {
  /** Runs `work` when a slot is free; `onQueued` hears the place while it waits (not called when a slot is free). */
  run<T>(work: () => Promise<T>, onQueued?: (position: number) => void): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

/** More waiting than this is refused with 503: a client retrying in a loop must not queue without end. */
export const MAX_WAITING_IMPORTS = 20;

export function createImportQueue(concurrency: number, maxWaiting = MAX_WAITING_IMPORTS): ImportQueue {
  let running = 0;
  const waiting: { start: () => void; onQueued?: (position: number) => void }[] = [];
  const tellPositions = () => waiting.forEach((w, i) => w.onQueued?.(i + 1));
  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next.start();
      tellPositions();
    }
  };
  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    run<T>(work: () => Promise<T>, onQueued?: (position: number) => void): Promise<T> {
      const go = () => work().finally(release);
      if (running < concurrency) {
        running += 1;
        return go();
      }
      if (waiting.length >= maxWaiting) {
        return Promise.reject(new AppError(503, 'IMPORT_QUEUE_FULL', '正在进行的导入较多，请稍后重试', 'Too many imports are waiting; try again shortly'));
      }
      return new Promise<T>((resolve, reject) => {
        waiting.push({ start: () => go().then(resolve, reject), ...(onQueued ? { onQueued } : {}) });
        onQueued?.(waiting.length);
      });
    },
  };
}

const queues = new WeakMap<object, ImportQueue>();

/** The one queue of an application instance (its config sets the concurrency). */
export function importQueueOf(deps: Pick<AppDeps, 'config'>): ImportQueue {
  let queue = queues.get(deps.config);
  if (!queue) {
    queue = createImportQueue(deps.config.heavyImportConcurrency ?? 1);
    queues.set(deps.config, queue);
  }
  return queue;
}
