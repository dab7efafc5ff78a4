/** V8's own rendering of a stack: no source-map lookups. */
export const plainStackTrace = (error: Error, frames: NodeJS.CallSite[]): string =>
  [String(error), ...frames.map((frame) => `    at ${frame.toString()}`)].join('\n');

/**
 * cdktf captures a full stack trace for every token it creates. Under Jest each capture is mapped
 * back through source maps, which makes one synth take about half a second; plain V8 frames take a
 * few milliseconds. Errors thrown while building keep their message, only their frames go unmapped.
 */
export function withPlainStackTraces<T>(build: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = plainStackTrace;
  try {
    return build();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
