import type { AppContext } from '../services/context.js';
import type { SessionUser } from '../services/auth/sessions.js';

export interface HttpEnv {
  Variables: {
    ctx: AppContext;
    user: SessionUser | null;
    token: string | null;
    authVia: 'bearer' | 'cookie' | null;
  };
}
