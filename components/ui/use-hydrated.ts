"use client";
// True once React runs in the browser. Forms whose submit is handled in JavaScript stay disabled until then, so an
// early click never falls back to a native GET that would put the typed password in the URL.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
