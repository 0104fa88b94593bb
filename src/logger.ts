import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'sosa-desk' }, redact: ['password', '*.password', 'token', '*.token', 'req.headers.authorization', 'req.headers.cookie'] });
}
