"use client";

import { useId, useState } from "react";

/** Read-only text to take elsewhere, with a copy button (or select-all where the clipboard is refused). */
export function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const [status, setStatus] = useState("");
  const fieldClass =
    "w-full rounded-md border border-stone-300 bg-white px-3 py-2 font-mono text-sm dark:border-stone-700 dark:bg-stone-900";
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("已复制");
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setStatus("请按 Ctrl+C 复制已选中的内容");
    }
  }
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} readOnly value={value} rows={Math.min(8, Math.max(2, value.split("\n").length))} className={fieldClass} />
      ) : (
        <input id={id} readOnly value={value} className={fieldClass} />
      )}
      <p className="mt-1 flex items-center gap-3">
        <button type="button" onClick={copy} className="desk-button">
          复制{label}
        </button>
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {status}
        </span>
      </p>
    </div>
  );
}
