import type { Metadata, Viewport } from "next";
import { DeskIsland } from "@/components/desk/DeskIsland";
import { ImageFallback } from "@/components/ImageFallback";
import { KeyboardShortcuts } from "@/components/KeyboardShortcuts";
import { SiteFooter, SiteHeader } from "@/components/SiteHeader";
import { SITE_DESCRIPTION, SITE_NAME, siteUrl } from "@/lib/site";
import "./globals.css";

// Content changes whenever db:setup runs: every page reads the database at
// request time (the server's response cache keeps them fast), never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  description: SITE_DESCRIPTION,
  openGraph: { siteName: SITE_NAME, locale: "zh_CN", type: "website" },
  twitter: { card: "summary" },
  alternates: {
    types: { "application/atom+xml": "/feed.xml", "application/feed+json": "/feed.json" },
  },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafaf9" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0a09" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <head>
        <ImageFallback />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-stone-900"
        >
          跳到正文
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <SiteFooter />
        <KeyboardShortcuts />
        <DeskIsland />
      </body>
    </html>
  );
}
