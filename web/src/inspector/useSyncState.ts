import { useEffect, useState } from 'react';
import { isOnline, onConnectivityChange, probe } from '../api/connectivity';
import { pendingSummary, type LocalPhoto, type LocalResult } from './db';

/** Whether the platform can be reached now (api/connectivity.ts), re-rendering when that changes. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(isOnline());
  useEffect(() => {
    const update = () => setOnline(isOnline());
    const unsubscribe = onConnectivityChange(update);
    update();
    // A page reloaded offline may believe it is online (navigator.onLine): ask the platform once.
    void probe();
    return unsubscribe;
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
