/**
 * The one limit on a log handed to a diagnosis tool. The MCP server refuses a request larger than this with
 * an error reply (its stdio transport used to drop the connection at 10 MiB while the tool's schema promised
 * 50 MB); the CLI reads at most this much of a log file or of stdin, keeping the end, where a run dies.
 */
export const MAX_LOG_BYTES = 32 * 1024 * 1024;

/** The limit as people read it. */
export const MAX_LOG_SHOWN = `${MAX_LOG_BYTES / 1024 / 1024} MiB`;
