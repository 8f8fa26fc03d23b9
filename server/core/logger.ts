import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level = 'info', name = 'connector'): Logger {
  return pino({ level, name, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
