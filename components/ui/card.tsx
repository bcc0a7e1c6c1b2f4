import type { HTMLAttributes } from "react";

export function Card({ className = "", ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={`rounded-lg border-2 border-ink bg-white p-6 shadow-[6px_6px_0_0_var(--color-ink)] ${className}`} {...props} />;
}
