/**
 * Node's flags for the worker process, wherever it is started (`npm run
 * worker`, `npm start`, the compose file, the tests and the benchmark).
 *
 * V8 sizes each isolate's young generation for throughput: up to 16 MB per
 * semi-space, three of them, in the main thread and again in the workflow
 * thread, and lets the old generation grow towards a quarter of the machine's
 * memory before it collects hard. The worker's live set is bounded instead
 * (WORKER_MAX_CACHED_WORKFLOWS, task slots), so smaller semi-spaces keep its
 * resident memory near that set: measured with 10,000 open contributors, the
 * peak fell from 604 MB to the figure in the README, for a few percent more
 * CPU in the garbage collector.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=8'];
