import type { ComponentPropsWithRef, ReactNode } from "react";

/*
 * The product's buttons. `buttonClass` also dresses a link that acts as a
 * button (a download, "Open the board"), so both look and focus the same.
 * Extra classes (`className`) are for placement — width, margin, shrink —
 * not for a new look; a new look is a new variant here.
 */

export type ButtonVariant = "primary" | "secondary" | "danger" | "quiet";
export type ButtonSize = "sm" | "md" | "lg" | "xl";
/** The colour a toggle (`aria-pressed`) takes while it is on: the colour of the state it turns on elsewhere on the board. */
type ButtonPressedTone = "slate" | "amber" | "violet";

// Every variant has a border, transparent where none shows, so buttons of one size line up whatever their variant.
const VARIANTS: Record<ButtonVariant, string> = {
  primary: "border border-transparent bg-indigo-700 font-semibold text-white shadow-sm hover:bg-indigo-800 focus-ring-offset",
  secondary: "border border-slate-300 bg-white font-medium text-slate-900 shadow-sm hover:bg-slate-50 focus-ring",
  danger: "border border-transparent bg-red-700 font-semibold text-white hover:bg-red-800 focus-ring focus-visible:ring-red-500",
  quiet: "border border-transparent font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-ring",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "px-2.5 py-1 text-sm",
  md: "px-3 py-1.5 text-sm",
  lg: "px-4 py-2.5",
  /** A phone's main action, big enough for a thumb. */
  xl: "px-4 py-3.5 text-lg",
};

const CORNERS: Record<ButtonSize, string> = { sm: "rounded-md", md: "rounded-lg", lg: "rounded-lg", xl: "rounded-xl" };

const PRESSED: Record<ButtonPressedTone, string> = {
  slate: "aria-pressed:border-slate-500 aria-pressed:bg-slate-200",
  amber: "aria-pressed:border-amber-400 aria-pressed:bg-amber-100 aria-pressed:text-amber-950",
  violet: "aria-pressed:border-violet-400 aria-pressed:bg-violet-100 aria-pressed:text-violet-950",
};

const DISABLED = "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

interface ButtonLook {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Fully rounded ends: a small toggle or an action that sits in a line of text. */
  pill?: boolean;
  pressed?: ButtonPressedTone;
}

export function buttonClass({ variant = "secondary", size = "md", pill = false, pressed, className = "" }: ButtonLook & { className?: string } = {}): string {
  const look = [SIZES[size], pill ? "rounded-full" : CORNERS[size], VARIANTS[variant], pressed && PRESSED[pressed], DISABLED, className];
  return `inline-flex items-center justify-center gap-2 ${look.filter(Boolean).join(" ")}`;
}

export interface ButtonProps extends ComponentPropsWithRef<"button">, ButtonLook {}

/** A button that never submits a form by accident: `type` is "button" unless said otherwise. */
export function Button({ variant, size, pill, pressed, className, type = "button", ...rest }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, pill, pressed, className })} {...rest} />;
}

/** A form's closing row: its submit button and, when the form can be abandoned, Cancel beside it. */
export function FormActions({ submit, onCancel, className = "flex gap-2" }: { submit: ReactNode; onCancel?: () => void; className?: string }) {
  return (
    <div className={className}>
      <Button type="submit" variant="primary" size="lg">
        {submit}
      </Button>
      {onCancel && (
        <Button size="lg" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}
