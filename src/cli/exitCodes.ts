/** Exit codes shared by every `batch-studio` subcommand (ARCHITECTURE.md contract). */
export const EXIT_OK = 0;
/** The input has errors (validate), a request failed (results), a duplicate was refused (submit). */
export const EXIT_FAILURE = 1;
/** A usage or I/O error: one clear line on stderr, no stack trace. */
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;
