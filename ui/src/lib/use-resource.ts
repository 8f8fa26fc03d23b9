import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads data and keeps the last good value while reloading, so the screen does not flash or jump;
 * `refreshMs` polls (paused while the page is hidden), which is how the panel sees a Sage order
 * number appear without a reload.
 */
export function useResource<T>(load: () => Promise<T>, deps: unknown[], refreshMs?: number | ((data: T | undefined) => number | undefined)): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const gen = useRef(0);
  const latest = useRef<T | undefined>(undefined);

  const reload = useCallback(async () => {
    const my = ++gen.current;
    setLoading(true);
    try {
      const value = await load();
      if (my !== gen.current) return;
      latest.current = value;
      setData(value);
      setError(undefined);
    } catch (err) {
      if (my === gen.current) setError(err as Error);
    } finally {
      if (my === gen.current) setLoading(false);
    }
  }, deps);

  useEffect(() => {
    latest.current = undefined;
    setData(undefined);
    void reload();
  }, [reload]);

  // Held in a ref: callers pass an inline function, which must not restart the timer each render.
  const refresh = useRef(refreshMs);
  refresh.current = refreshMs;
  useEffect(() => {
    if (!refresh.current) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const r = refresh.current;
      const ms = typeof r === 'function' ? r(latest.current) : r;
      if (!ms) return void (timer = setTimeout(tick, 5000));
      timer = setTimeout(async () => {
        if (document.visibilityState === 'visible') await reload();
        tick();
      }, ms);
    };
    tick();
    return () => clearTimeout(timer);
  }, [reload]);

  return { data, error, loading, reload };
}
