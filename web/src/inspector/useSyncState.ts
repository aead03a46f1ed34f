import { useEffect, useState } from 'react';
import { pendingSummary, type LocalPhoto, type LocalResult } from './db';

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** What is recorded on this phone and not yet on the server; refreshed on every local change and sync. */
export function usePending(): { results: LocalResult[]; photos: LocalPhoto[] } {
  const [state, setState] = useState<{ results: LocalResult[]; photos: LocalPhoto[] }>({ results: [], photos: [] });
  useEffect(() => {
    let alive = true;
    const refresh = () => void pendingSummary().then((s) => alive && setState(s));
    refresh();
    window.addEventListener('shanyu-local-change', refresh);
    window.addEventListener('shanyu-sync', refresh);
    return () => {
      alive = false;
      window.removeEventListener('shanyu-local-change', refresh);
      window.removeEventListener('shanyu-sync', refresh);
    };
  }, []);
  return state;
}
