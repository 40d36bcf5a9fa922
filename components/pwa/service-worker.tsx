"use client";
// Registers the offline shell (public/sw.js) in production builds; development keeps the network as it is.
import { useEffect } from "react";

export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // No offline shell (e.g. a browser that refuses workers on http): the app works online as before.
    });
  }, []);
  return null;
}

/** Signing out drops the device's copy of My day, so the next person on this device never sees it offline. */
export function forgetOfflinePages(): void {
  navigator.serviceWorker?.controller?.postMessage("opsmix:signed-out");
}
