import { useEffect, useState } from 'react';
import { api, getToken, setToken } from '../api/client';

export interface Session {
  userId: string;
  username: string;
  department: string;
  role: string;
  divisions: string[];
  expiresAt: number;
}

function decode(token: string): Session | null {
  try {
    const part = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as { sub: string; username?: string; dept: string; role: string; div?: string[]; exp: number };
    if (claims.exp * 1000 < Date.now()) return null;
    return {
      userId: claims.sub,
      username: claims.username ?? claims.sub,
      department: claims.dept,
      role: claims.role,
      divisions: claims.div ?? [],
      expiresAt: claims.exp * 1000,
    };
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  const token = getToken();
  return token ? decode(token) : null;
}

export function useSession(): Session | null {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    const update = () => setSession(currentSession());
    window.addEventListener('shanyu-auth', update);
    window.addEventListener('storage', update);
    return () => {
      window.removeEventListener('shanyu-auth', update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return session;
}

export async function login(username: string, password: string): Promise<Session> {
  const res = await api<{ accessToken: string }>('/api/v1/auth/token', { method: 'POST', body: { username, password } });
  setToken(res.accessToken);
  const session = decode(res.accessToken);
  if (!session) throw new Error('登录令牌无效');
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api('/api/v1/auth/logout', { method: 'POST' });
  } catch {
    // offline or already expired: forget the token anyway
  }
  setToken(null);
}

/** The division a dashboard starts on: the account's first one, or 西湖区 for accounts without any (admin). */
export function homeDivision(session: Session | null): string {
  return session?.divisions[0] ?? '330106';
}
