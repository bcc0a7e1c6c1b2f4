import Link from "next/link";

/** The wordmark: a red star and the name, always linking home. */
export function Logo({ size = "md" }: { size?: "md" | "lg" }) {
  const text = size === "lg" ? "text-4xl" : "text-2xl";
  return (
    <Link href="/" className={`inline-flex items-center gap-2 font-[family-name:var(--font-display)] font-bold uppercase tracking-tight ${text}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className={size === "lg" ? "h-9 w-9" : "h-6 w-6"}>
        <path fill="var(--color-party)" d="M12 1.5l3.1 7 7.4.6-5.6 4.9 1.7 7.4L12 17.5l-6.6 3.9 1.7-7.4L1.5 9.1l7.4-.6z" />
      </svg>
      <span>Stakhanov</span>
    </Link>
  );
}
