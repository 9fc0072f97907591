/**
 * Preloaded into the workflow sandbox when WORKFLOW_STACK_TRACES is false
 * (worker/sandbox-preloads.ts): it runs once, before the SDK freezes the
 * sandbox's globals, so no workflow can change it back.
 *
 * The SDK captures a stack trace for every promise workflow code makes, to
 * answer the Temporal UI's stack trace view; that capture was a fifth of the
 * worker's CPU here. With no frames recorded, the view shows none and errors
 * thrown in workflow code carry their message without a stack; a history
 * replayed through a worker with WORKFLOW_STACK_TRACES=true shows both.
 */
Error.stackTraceLimit = 0;

export {};
