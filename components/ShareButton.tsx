"use client";

import { useState } from "react";

/** Web Share where the browser has it; otherwise copies the link and says so. */
export function ShareButton({ url, title }: { url: string; title: string }) {
  const [status, setStatus] = useState<string>("");
  async function share() {
    const absolute = new URL(url, window.location.href).toString();
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title, url: absolute });
        return;
      } catch (error) {
        if ((error as Error).name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(absolute);
      setStatus("链接已复制");
    } catch {
      setStatus(`复制失败，请手动复制：${absolute}`);
    }
    setTimeout(() => setStatus(""), 4000);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={share}
        className="rounded-md border border-stone-300 px-3 py-1 text-sm hover:border-stone-500 dark:border-stone-700"
      >
        分享
      </button>
      <span role="status" aria-live="polite" className="text-sm text-emerald-700 dark:text-emerald-400">
        {status}
      </span>
    </span>
  );
}
