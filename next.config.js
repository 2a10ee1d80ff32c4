// Security headers every response carries, in `npm run dev` as in production.
// The Content-Security-Policy is production's alone (scripts/server.ts, with
// lib/security-headers.ts): the dev server needs eval, which it forbids.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Remote chart and article images are shown as plain <img> with explicit
  // sizes: no image optimizer, so the server never fetches arbitrary URLs.
  images: { unoptimized: true },
  serverExternalPackages: ["better-sqlite3"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
