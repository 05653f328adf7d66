import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ESM Hub", template: "%s · ESM Hub" },
  description: "Find the best intermediate dataset for your task with Embedding Space Maps.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <SiteHeader />
        <div id="main" className="flex-1">
          {children}
        </div>
        <footer className="border-t border-zinc-200 py-6 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <div className="mx-auto flex max-w-7xl flex-wrap gap-x-6 gap-y-2 px-4">
            <span>ESM Hub — Embedding Space Maps for intermediate-task selection</span>
            <Link href="/esms" className="hover:underline">
              Browse ESMs
            </Link>
            <Link href="/datasets" className="hover:underline">
              Datasets
            </Link>
            <a href="https://arxiv.org/abs/2410.15148" className="hover:underline">
              Paper
            </a>
          </div>
        </footer>
      </body>
    </html>
  );
}
