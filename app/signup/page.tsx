import type { Metadata } from "next";
import { AuthPage, returnPath } from "../_components/auth-page";
import { SignUpForm } from "../_components/auth-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign up" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = returnPath((await searchParams).callbackUrl);
  return (
    <AuthPage title="Create your account" callbackUrl={callbackUrl}>
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthPage>
  );
}
