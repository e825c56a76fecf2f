import { useId, type ComponentPropsWithRef, type ReactNode } from "react";

/** What a field's control needs to be named by its label and described by its hint and error. */
interface FieldControl {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FieldProps {
  label: ReactNode;
  /** Read by screen readers with the control, after its name. */
  hint?: ReactNode;
  /** Marks the control invalid and is read with it. */
  error?: string | null;
  /** Say the error as soon as it appears: for a form that does not move the keyboard to the field at fault. */
  announceError?: boolean;
  /** Placement of the whole field (width, margin), not its look. */
  className?: string;
}

/**
 * A label, an optional hint and an error around one control, wired together:
 * the control gets the id the label points at, `aria-describedby` naming the
 * hint and the error, and `aria-invalid` while there is an error. The control
 * itself is the caller's, so a textarea or a one-off input fits too.
 */
export function Field({ label, hint, error, announceError = false, className = "", children }: FieldProps & { children(control: FieldControl): ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1.5 ${className}`.trim()}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error && (
        <p id={errorId} role={announceError ? "alert" : undefined} className="text-sm font-medium text-rose-800">
          {error}
        </p>
      )}
    </div>
  );
}

/** `md` sits beside a medium button in a panel; `lg` is a form's main field, in type large enough that phones do not zoom in. */
type FieldSize = "md" | "lg";

const CONTROL_SIZES: Record<FieldSize, string> = {
  md: "px-3 py-1.5 text-sm",
  lg: "px-3 py-2.5 text-base",
};

/** The look of a text input or textarea, for controls placed in a `Field` by hand; `className` is for placement. */
export function textControlClass({ size = "md", className = "" }: { size?: FieldSize; className?: string } = {}): string {
  return `block w-full rounded-lg border border-slate-300 bg-white ${CONTROL_SIZES[size]} text-slate-900 shadow-sm placeholder:text-slate-500 focus-field aria-invalid:border-rose-600 ${className}`.trim();
}

/** The look of a file input placed in a `Field`: the browser's own button, dressed as ours. */
export const fileControlClass =
  "block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-50";

/** A labelled single-line text input. */
export function TextField({ label, hint, error, announceError, className, size, ...input }: FieldProps & { size?: FieldSize } & Omit<ComponentPropsWithRef<"input">, "id" | "className" | "size">) {
  return (
    <Field label={label} hint={hint} error={error} announceError={announceError} className={className}>
      {(control) => <input {...input} {...control} className={textControlClass({ size })} />}
    </Field>
  );
}
