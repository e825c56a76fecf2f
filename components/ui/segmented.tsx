/**
 * A choice between a few views, each a button that says whether it is on
 * (aria-pressed): one tab stop per option, Enter or Space to switch.
 */
interface SegmentedProps<T extends string> {
  /** Names the group for assistive technology ("View"). */
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange(value: T): void;
  /** "lg" for a projector. */
  size?: "md" | "lg";
}

export function Segmented<T extends string>({ label, options, value, onChange, size = "md" }: SegmentedProps<T>) {
  const text = size === "lg" ? "px-4 py-1.5 text-lg" : "px-3 py-1 text-sm";
  return (
    <div role="group" aria-label={label} className="inline-flex shrink-0 rounded-lg border border-slate-300 bg-slate-100 p-0.5">
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
