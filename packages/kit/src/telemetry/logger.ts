import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import { activeTraceIds } from './tracing.ts';

/** Paths never written to logs: credentials, tokens and cookies. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.client_secret',
  '*.access_token',
  '*.refresh_token',
  'password',
  'token',
];

let stdout: DestinationStream | undefined;

/** A pino JSON logger for one service; every line carries the active trace and span ids. */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service },
    redact: { paths: REDACT, censor: '[redacted]' },
    mixin: () => activeTraceIds() ?? {},
    timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? (stdout ??= pino.destination({ sync: false })),
  );
}
