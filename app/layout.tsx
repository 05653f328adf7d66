import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "ESM Hub",
  description: "Find the best intermediate dataset for your task with Embedding Space Maps.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">{children}</body>
    </html>
  );
}
