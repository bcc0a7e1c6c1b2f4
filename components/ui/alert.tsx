import type { ReactNode } from "react";

/** A message box; "error" is announced immediately, and every tone has an icon so colour is not the only signal. */
export function Alert({ tone = "error", children }: { tone?: "error" | "info" | "success"; children: ReactNode }) {
  const styles = {
    error: "border-party bg-party/10 text-party-dark",
    info: "border-steel bg-white text-ink",
    success: "border-ink bg-gold/20 text-ink",
  }[tone];
  const icon = { error: "⚠", info: "ℹ", success: "✔" }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`flex gap-2 rounded-md border-l-4 px-4 py-3 text-sm font-medium ${styles}`}>
      <span aria-hidden="true">{icon}</span>
      <div>{children}</div>
    </div>
  );
}
