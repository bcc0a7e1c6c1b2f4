import { useId, type InputHTMLAttributes } from "react";

/** A labelled input with an optional hint and an error announced to screen readers. */
export function TextField({
  label,
  hint,
  error,
  className = "",
  inputClassName = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string; inputClassName?: string }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`min-h-12 rounded-md border-2 bg-white px-3 text-base text-ink placeholder:text-steel/70 ${
          error ? "border-party" : "border-ink/30 focus:border-ink"
        } ${inputClassName}`}
        {...props}
      />
      {hint && !error ? (
        <p id={hintId} className="text-sm text-steel">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-semibold text-party">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
