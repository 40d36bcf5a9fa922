"use client";
// useActionState for forms that must keep what the user typed when the server says no: React resets a form
// after any action passed as its `action` prop, so the form submits through onSubmit instead.
import { startTransition, useActionState, type FormEvent } from "react";
import type { FormState } from "@/lib/forms";
import { useHydrated } from "./use-hydrated";

/**
 * [state, onSubmit, busy]: `busy` is true while the action runs and also until React has hydrated, because before
 * then onSubmit is not attached and a click would submit the form natively (a GET of the same page) and be lost.
 * Submit buttons use it as their `disabled`.
 */
export function useFormAction<T>(
  action: (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>,
): [FormState<T>, (event: FormEvent<HTMLFormElement>) => void, boolean] {
  const [state, dispatch, pending] = useActionState(action, {});
  const hydrated = useHydrated();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  return [state, onSubmit, pending || !hydrated];
}
