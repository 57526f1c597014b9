import { availableParallelism } from 'node:os';

/** Deployment settings that protect the server and the record (issue 12); every one has a safe default. */
export interface SecurityConfig {
  /**
   * Host names (without port) the server answers to; any other `Host` header gets 421, which stops DNS rebinding from
   * reaching a loopback server through a web page. Default: `localhost`, `127.0.0.1`, `::1` and the listen host.
   */
  readonly allowedHosts: readonly string[];
  /** Origins allowed to call the API from a browser (CORS); empty = CORS off (same-origin only). */
  readonly corsOrigins: readonly string[];
  /** The server sits behind a TLS-terminating proxy: allow plain HTTP on a non-loopback address. */
  readonly trustProxyTls: boolean;
  /** PEM certificate and key files: serve HTTPS directly. */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Folder for rotated log files (0600); unset = logs to stdout. */
  readonly logDir?: string;
  /** Size at which a log file is rotated, and how many rotated files are kept. */
  readonly logMaxBytes: number;
  readonly logFiles: number;
  /** Time budget of one heavy request (image decode, DICOM rendering, forecast fitting …) before 503/504. */
  readonly timeBudgetMs: number;
  /** Worker threads for heavy work; 0 runs heavy work in the main thread (tests, CLI). */
  readonly workerThreads: number;
}

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const positive = (text: string | undefined, fallback: number): number => {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
};

const yes = (text: string | undefined) => /^(1|true|yes|on)$/i.test(text ?? '');

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const host = env.HEALTHGPT_HOST ?? '127.0.0.1';
  const defaults = ['localhost', '127.0.0.1', '::1'];
  if (!['0.0.0.0', '::'].includes(host)) defaults.push(host);
  // The server's public name (sign-in settings), when given, is one of its names.
  try {
    if (env.HEALTHGPT_PUBLIC_URL)
      defaults.push(new URL(env.HEALTHGPT_PUBLIC_URL).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    // an invalid URL is reported by the sign-in settings
  }
  const workers = Number(env.HEALTHGPT_WORKERS);
  return {
    allowedHosts: [
      ...new Set([...defaults, ...list(env.HEALTHGPT_ALLOWED_HOSTS)].map((h) => h.toLowerCase())),
    ],
    corsOrigins: list(env.HEALTHGPT_CORS_ORIGINS),
    trustProxyTls: yes(env.HEALTHGPT_TRUST_PROXY_TLS),
    ...(env.HEALTHGPT_TLS_CERT ? { tlsCertFile: env.HEALTHGPT_TLS_CERT } : {}),
    ...(env.HEALTHGPT_TLS_KEY ? { tlsKeyFile: env.HEALTHGPT_TLS_KEY } : {}),
    ...(env.HEALTHGPT_LOG_DIR ? { logDir: env.HEALTHGPT_LOG_DIR } : {}),
    logMaxBytes: positive(env.HEALTHGPT_LOG_MAX_BYTES, 10 * 1024 * 1024),
    logFiles: Math.floor(positive(env.HEALTHGPT_LOG_FILES, 10)),
    timeBudgetMs: positive(env.HEALTHGPT_TIME_BUDGET_MS, 30_000),
    workerThreads:
      env.HEALTHGPT_WORKERS !== undefined && Number.isInteger(workers) && workers >= 0
        ? workers
        : Math.min(4, Math.max(1, availableParallelism() - 1)),
  };
}

/** Whether an address is the loopback interface (safe to serve plain HTTP on). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
