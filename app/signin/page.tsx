import type { Metadata } from "next";
import { AuthPage, returnPath } from "../_components/auth-page";
import { SignInForm } from "../_components/auth-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = returnPath((await searchParams).callbackUrl);
  return (
    <AuthPage title="Sign in to ESM Hub" callbackUrl={callbackUrl}>
      <SignInForm callbackUrl={callbackUrl} />
    </AuthPage>
  );
}
