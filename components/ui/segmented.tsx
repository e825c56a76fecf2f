/**
 * A choice between a few views or orders, each a button that says whether it is on
 * (aria-pressed): one tab stop per option, Enter or Space to switch. Every such switch on the
 * board is this one, so they look and behave the same.
 */
interface SegmentedProps<T extends string> {
  /** Names the group for assistive technology ("View"). */
  label: string;
  /** The id of the words that explain the choice, when there are some (what the current order means). */
  describedBy?: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange(value: T): void;
  /** "lg" for a projector. */
  size?: "md" | "lg";
  /** Placement only (margin), not a new look. */
  className?: string;
}

export function Segmented<T extends string>({ label, describedBy, options, value, onChange, size = "md", className = "" }: SegmentedProps<T>) {
  const text = size === "lg" ? "px-4 py-1.5 text-lg" : "min-h-8 px-3 py-1 text-sm";
  return (
    <div
      role="group"
      aria-label={label}
      aria-describedby={describedBy}
      // Wraps rather than overflowing a narrow column.
      className={`inline-flex max-w-full shrink-0 flex-wrap rounded-lg border border-slate-300 bg-slate-100 p-0.5 ${className}`}
    >
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
          className={`${text} rounded-md font-medium text-slate-700 hover:text-slate-950 focus-ring aria-pressed:bg-white aria-pressed:text-slate-950 aria-pressed:shadow-sm`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
