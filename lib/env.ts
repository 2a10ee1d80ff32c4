// Every environment variable the reader reads, checked once with zod: a bad
// value stops the process with a message naming the variable, instead of
// surfacing later as a confusing failure.
import { z } from "zod";

const schema = z.object({
  CONTENT_DIR: z.string().min(1).default("content"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a file: (SQLite) or postgresql:// URL")
    .default("file:./data/finews.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface the server listens on (0.0.0.0: every interface; 127.0.0.1 behind a proxy). */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Public base URL for canonical links, feeds and Open Graph. */
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Upper bound of the response cache, in MiB (0: nothing is cached). */
  RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Server processes `npm start` runs (each restarted when it dies). */
  WEB_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Uncached renders at a time per server process: cached pages never wait behind more. */
  RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Uncached requests that may wait for a render slot; beyond that they are answered 503 with Retry-After. */
  RENDER_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  /** "1" serves /__metrics (event-loop delay, memory, cache counters) for the bench. */
  FINEWS_METRICS: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

/** The checked environment (read once per process). */
export function env(): Env {
  if (!parsed) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      throw new Error(`invalid environment: ${problems}`);
    }
    parsed = result.data;
  }
  return parsed;
}
