import { finished, Transform, type Readable } from 'node:stream';

/** Media types of bulk files: their bodies pass through the edge as streams, never buffered. */
export const STREAMED_MEDIA_TYPES = ['text/csv', 'application/x-ndjson', 'application/octet-stream'];

/** True when a request asks for a bulk file (its Accept names one of those types): the answer is streamed through. */
export function acceptsBulkFile(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => STREAMED_MEDIA_TYPES.includes(part.split(';')[0]!.trim().toLowerCase()));
}

/** A request body passed through with a byte limit. */
export interface LimitedBody {
  stream: Readable;
  /** Resolves when the body passed the limit (the stream then fails); never resolves otherwise. */
  exceeded: Promise<void>;
}

export class BodyLimitExceeded extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

/**
 * Counts the bytes flowing from `source`; past `limit` the stream fails, and with it the upstream
 * call. The source is left alone then (not destroyed), so the client can still read the answer.
 */
export function limitBody(source: Readable, limit: number): LimitedBody {
  let bytes = 0;
  let signal!: () => void;
  const exceeded = new Promise<void>((resolve) => (signal = resolve));
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes <= limit) return done(null, chunk);
      signal();
      done(new BodyLimitExceeded(limit));
    },
  });
  source.pipe(counter);
  // A client that disconnects mid-body fails the upstream body too.
  finished(source, (error) => {
    if (error && !counter.destroyed) counter.destroy(error);
  });
  return { stream: counter, exceeded };
}
