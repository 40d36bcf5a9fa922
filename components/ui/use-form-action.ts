"use client";
// useActionState for forms that must keep what the user typed when the server says no: React resets a form
// after any action passed as its `action` prop, so the form submits through onSubmit instead.
import { startTransition, useActionState, type FormEvent } from "react";
import type { FormState } from "@/lib/forms";

export function useFormAction<T>(
  action: (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>,
): [FormState<T>, (event: FormEvent<HTMLFormElement>) => void, boolean] {
  const [state, dispatch, pending] = useActionState(action, {});
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };
  return [state, onSubmit, pending];
}
