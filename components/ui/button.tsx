import type { ComponentPropsWithRef } from "react";

/*
 * The product's buttons. `buttonClass` also dresses a link that acts as a
 * button (a download, "Open the board"), so both look and focus the same.
 * Extra classes (`className`) are for placement — width, margin, shrink —
 * not for a new look; a new look is a new variant here.
 */

export type ButtonVariant = "primary" | "secondary" | "danger" | "quiet";
export type ButtonSize = "sm" | "md" | "lg";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-indigo-700 font-semibold text-white shadow-sm hover:bg-indigo-800 focus-ring-offset",
  secondary: "border border-slate-300 bg-white font-medium text-slate-900 shadow-sm hover:bg-slate-50 focus-ring",
  danger: "bg-red-700 font-semibold text-white hover:bg-red-800 focus-ring focus-visible:ring-red-500",
  quiet: "font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-ring",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "rounded-md px-2.5 py-1 text-sm",
  md: "rounded-lg px-3 py-1.5 text-sm",
  lg: "rounded-lg px-4 py-2.5",
};

const DISABLED = "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

export function buttonClass({ variant = "secondary", size = "md", className = "" }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return `inline-flex items-center justify-center gap-2 ${SIZES[size]} ${VARIANTS[variant]} ${DISABLED} ${className}`.trim();
}

export interface ButtonProps extends ComponentPropsWithRef<"button"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A button that never submits a form by accident: `type` is "button" unless said otherwise. */
export function Button({ variant, size, className, type = "button", ...rest }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...rest} />;
}
