import { useEffect } from "react";

const ACTIVITY = ["pointerdown", "keydown", "touchstart", "input", "scroll"] as const;

/** Calls `onIdle` after `seconds` without a touch, a key or a scroll, while `active`. */
export function useKioskIdle(active: boolean, seconds: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active || seconds <= 0) return;
    let timer = window.setTimeout(onIdle, seconds * 1000);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(onIdle, seconds * 1000);
    };
    for (const type of ACTIVITY) window.addEventListener(type, restart, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, restart, { capture: true });
    };
  }, [active, seconds, onIdle]);
}
