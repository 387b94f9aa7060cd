/**
 * When this browser last reached the server with the session cookie. Every such request (any answer but a
 * network failure) counts as activity for the server's idle timeout, so the idle warning counts from here.
 * Kept in localStorage as well, so a request from another tab of the same session postpones the warning too.
 */
const STORAGE_KEY = 'biomfg.serverContactAt';
let lastContactAt = 0;

export function noteServerContact(at: number = Date.now()): void {
  lastContactAt = Math.max(lastContactAt, at);
  try {
    window.localStorage.setItem(STORAGE_KEY, String(lastContactAt));
  } catch {
    // Storage disabled by policy: this tab's own requests still count.
  }
}

export function lastServerContact(): number {
  let stored = 0;
  try {
    stored = Number(window.localStorage.getItem(STORAGE_KEY)) || 0;
  } catch {
    stored = 0;
  }
  return Math.max(lastContactAt, stored);
}
