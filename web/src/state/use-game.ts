import { useEffect, useMemo, useState } from "preact/hooks";
import { GameConnection } from "../net/game-connection";

/** Opens a game connection for the component's lifetime and re-renders on every change. */
export function useGame(pin: string, ticket: () => Promise<string>) {
  const conn = useMemo(() => new GameConnection(pin, ticket), [pin]);
  const [, setTick] = useState(0);
  useEffect(() => {
    const off = conn.subscribe(() => setTick((n) => n + 1));
    return () => {
      off();
      conn.close();
    };
  }, [conn]);
  return conn;
}

/** Re-renders every `ms` while `active`, for countdowns. */
export function useNow(active: boolean, ms = 250): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}
